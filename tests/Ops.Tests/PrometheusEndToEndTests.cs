using System.Globalization;
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
        var adminPassword = $"observe-{Guid.NewGuid():N}";
        var prometheusPort = Ports.Free();
        var run = RunScript.Start(["--observe"], new Dictionary<string, string>
        {
            ["PROMETHEUS_PORT"] = $"{prometheusPort}",
            ["ADMIN_PASSWORD"] = adminPassword,
            ["JWT_SIGNING_KEY"] = "a-signing-key-for-the-observe-test-of-32-chars",
        });
        var apiPort = run.ApiPort;

        await using (run)
        {
            Assert.True(await run.WaitUntilRunningAsync(TimeSpan.FromSeconds(120)), run.Output);
            var printed = run.Output;
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

            Assert.True(rate > 0, $"no order rate after {orders} orders:\n{run.Output}");
            Assert.Equal(2, await QueryAsync(query, "sum(up{job=~\"shop-.*\"})"));
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

    [GeneratedRegex(@"Prometheus\s+(http://127\.0\.0\.1:\d+)")]
    private static partial Regex PrometheusUrl();
}
