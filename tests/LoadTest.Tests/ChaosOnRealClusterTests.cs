using Ecommerce.LoadTest.Chaos;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.Tests;

/// <summary>
/// A short chaos drill for real: <c>./run.sh --silos 2 --postgres</c> keeps the silos alive, the drill kills one every
/// 10 s while buyers retry. Every request is answered (a 503 at worst, never a hang), run.sh starts each killed silo
/// again, and nothing is oversold, lost from the stock, or left reserved.
/// </summary>
public sealed class ChaosOnRealClusterTests : IDisposable
{
    private readonly ReportFiles _report = new();

    public void Dispose()
    {
        _report.Dispose();
    }

    [Fact]
    public async Task Two_kills_under_a_retrying_sale_leave_no_request_unanswered_and_the_stock_whole()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync("chaos");
        var adminPassword = $"chaos-{Guid.NewGuid():N}";
        await using var run = RunScript.Start(["--silos", "2", "--postgres", postgres], new Dictionary<string, string>
        {
            ["ADMIN_PASSWORD"] = adminPassword,
            ["JWT_SIGNING_KEY"] = "a-signing-key-for-the-chaos-test-of-32-chars",
            ["Inventory__ReservationTtl"] = "00:00:20",
            ["Inventory__AcknowledgementTimeout"] = "00:00:05",
        });
        Assert.True(await run.WaitUntilRunningAsync(TimeSpan.FromSeconds(180)), run.Output);
        var pids = Path.Combine(run.RunDirectory.FullName, "pids");
        var before = Directory.GetFiles(pids, "silo-*.pid").Select(File.ReadAllText).ToHashSet();
        var options = new ChaosOptions
        {
            Sale = ChaosOptions.SaleDefaults with
            {
                Api = run.Api,
                AdminEmail = "admin@shop.local",
                AdminPassword = adminPassword,
                Units = 100_000,
                Buyers = 20,
                Concurrency = 8,
                Duration = TimeSpan.FromSeconds(25),
                ReportDirectory = _report.Directory,
            },
            KillEvery = TimeSpan.FromSeconds(10),
            SiloPidDirectory = pids,
            ReservationTtl = TimeSpan.FromSeconds(20),
            ConsumerSettle = TimeSpan.FromSeconds(10),
        };
        using var http = LoadHttpClient.Create(options.Api, options.Sale.Concurrency);

        await ChaosCommand.RunAsync(options, http, _report.Terminal);

        var report = _report.Json();
        var chaos = report["chaos"]!;
        Assert.Equal(2, chaos["events"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "silo-killed"));
        Assert.True(report["orders"]!.GetValue<long>() > 0, _report.Out.ToString());

        // Every request got an answer, and every failure was a 503 (no 500, no hang to the client's timeout).
        var statuses = report["statusCounts"]!.AsObject().Select(s => s.Key).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { "201", "503" }));
        Assert.Equal(0, chaos["availability"]!.AsArray().Sum(s => s!["noAnswer"]!.GetValue<long>()));

        // Nothing oversold or lost from the stock, every confirmed order answered or given up, nothing left reserved.
        // (Whether every 201 is listed by its buyer and every event counted once is reported, not asserted here: the
        // order list and the outbox that make those hold across a kill are issue 11's.)
        var passed = ReportFiles.Checks(report).ToDictionary(c => c.Id, c => c.Passed);
        Assert.All(new[] { Audit.NoOversell, Audit.StockConserved, ChaosAudit.ConfirmedAnswered, ChaosAudit.ReservationsDrained },
            id => Assert.True(passed.GetValueOrDefault(id), $"{id}\n{_report.Out}"));

        // run.sh started each killed silo again, under a new pid.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(run.Output, @"silo-\d \(pid \d+\) exited with code 137; starting it again"));
        var after = await Eventually.ThatAsync(() => Task.FromResult(Directory.GetFiles(pids, "silo-*.pid").Select(File.ReadAllText).ToHashSet()),
            p => p.Count == 2 && p.All(pid => SiloProcesses.IsAlive(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(2, after.Count);
        Assert.NotEqual(before, after);
    }
}
