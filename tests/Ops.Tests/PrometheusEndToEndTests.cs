using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// <c>./run.sh --observe</c> for real: a silo, the API and Debian's Prometheus with the configuration of deploy/,
/// on free loopback ports; orders placed over HTTP are read back as a rate through Prometheus' HTTP API.
/// </summary>
public sealed partial class PrometheusEndToEndTests
{
    [Fact]
    public async Task Run_sh_observe_starts_prometheus_which_scrapes_the_shop_and_reports_a_nonzero_order_rate()
    {
        var runDir = Directory.CreateTempSubdirectory("ecommerce-observe-");
        var adminPassword = $"observe-{Guid.NewGuid():N}";
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "run.sh"), "--observe", "--no-build"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var (apiPort, prometheusPort) = (Ports.Free(), Ports.Free());
        info.Environment["RUN_DIR"] = runDir.FullName;
        info.Environment["CONFIGURATION"] = RepositoryPaths.Configuration;
        info.Environment["API_PORT"] = $"{apiPort}";
        info.Environment["API_MANAGEMENT_PORT"] = $"{Ports.Free()}";
        info.Environment["DASHBOARD_PORT"] = $"{Ports.Free()}";
        info.Environment["SILO_PORT"] = $"{Ports.Free()}";
        info.Environment["GATEWAY_PORT"] = $"{Ports.Free()}";
        info.Environment["PROMETHEUS_PORT"] = $"{prometheusPort}";
        info.Environment["ADMIN_PASSWORD"] = adminPassword;
        info.Environment["JWT_SIGNING_KEY"] = "a-signing-key-for-the-observe-test-of-32-chars";

        var output = new StringBuilder();
        using var run = Process.Start(info)!;
        run.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        run.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        string Printed() { lock (output) { return output.ToString(); } }

        try
        {
            var printed = await Eventually.ThatAsync(() => Task.FromResult(Printed()),
                o => o.Contains("Press Ctrl-C", StringComparison.Ordinal) || run.HasExited, TimeSpan.FromSeconds(120));
            Assert.True(printed.Contains("Press Ctrl-C", StringComparison.Ordinal), printed);
            var prometheus = PrometheusUrl().Match(printed).Groups[1].Value;
            Assert.Equal($"http://127.0.0.1:{prometheusPort}", prometheus);
            using var query = new HttpClient { BaseAddress = new Uri(prometheus), Timeout = TimeSpan.FromSeconds(10) };

            // Both targets of deploy/prometheus/prometheus.yml are up, and every alert rule of alerts.yml is loaded.
            var targets = await Eventually.ThatAsync(async () => (await query.GetFromJsonAsync<JsonObject>("/api/v1/targets"))!,
                t => t["data"]!["activeTargets"]!.AsArray().Count(x => x!["health"]!.GetValue<string>() == "up") == 2,
                TimeSpan.FromSeconds(30));
            Assert.Equal(["shop-api", "shop-silo"],
                targets["data"]!["activeTargets"]!.AsArray().Select(x => x!["labels"]!["job"]!.GetValue<string>()).Order());
            var rules = (await query.GetFromJsonAsync<JsonObject>("/api/v1/rules"))!["data"]!["groups"]!.AsArray()
                .SelectMany(g => g!["rules"]!.AsArray()).ToList();
            Assert.Equal(DeployFiles.AlertExpressions().Count, rules.Count);
            Assert.All(rules, r => Assert.Equal("ok", r!["health"]!.GetValue<string>()));

            var http = () => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
            var admin = await Shop.LoginAsync(http(), "admin@shop.local", adminPassword);
            var sku = await Shop.ProductAsync(admin, units: 500);
            var buyer = await ShopClient.BuyerAsync(http);

            // Orders keep coming while Prometheus scrapes every 5 s; a rate needs two scrapes that saw them.
            var rate = 0.0;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            var orders = 0;
            while (rate <= 0 && DateTime.UtcNow < deadline)
            {
                for (var i = 0; i < 5; i++, orders++)
                {
                    await ShopClient.OrderAsync(buyer, sku);
                }

                rate = await QueryAsync(query, "sum(rate(shop_orders_confirmed_total[1m]))");
                await Task.Delay(1000);
            }

            Assert.True(rate > 0, $"no order rate after {orders} orders:\n{Printed()}");
            Assert.Equal(2, await QueryAsync(query, "sum(up{job=~\"shop-.*\"})"));
        }
        finally
        {
            await StopAsync(run);
            runDir.Delete(recursive: true);
        }

        // run.sh stops what it started, Prometheus included.
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => probe.GetAsync(new Uri($"http://127.0.0.1:{prometheusPort}/-/ready")));
    }

    private static async Task<double> QueryAsync(HttpClient prometheus, string promQl)
    {
        var answer = (await prometheus.GetFromJsonAsync<JsonObject>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}"))!;
        Assert.Equal("success", answer["status"]!.GetValue<string>());
        var result = answer["data"]!["result"]!.AsArray();
        return result.Count == 0 ? 0 : double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>As Ctrl-C would: run.sh's trap stops the silo, the API and Prometheus.</summary>
    private static async Task StopAsync(Process run)
    {
        if (!run.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", run.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await run.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                run.Kill(entireProcessTree: true);
                throw new TimeoutException("run.sh did not stop within 40 s of SIGTERM.");
            }
        }
    }

    [GeneratedRegex(@"Prometheus\s+(http://127\.0\.0\.1:\d+)")]
    private static partial Regex PrometheusUrl();
}
