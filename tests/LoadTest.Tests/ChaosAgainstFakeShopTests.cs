using System.Diagnostics;
using Ecommerce.LoadTest.Chaos;

namespace Ecommerce.LoadTest.Tests;

/// <summary>
/// The whole chaos command (setup, race with retries, kills, the PostgreSQL restart command, audit, report) against a
/// fake API whose answers are cut like a dying silo's, and with planted faults: an honest shop passes after its buyers
/// retry, and each fault fails the check that names it.
/// </summary>
public sealed class ChaosAgainstFakeShopTests : IDisposable
{
    private const string AdminEmail = "admin@fake.test";
    private const string AdminPassword = "fake-admin-password";

    /// <summary>With 4 workers for 3 s, a few hundred orders over 30 buyers: inboxes stay far below the 200 a shop keeps.</summary>
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private readonly ReportFiles _report = new();
    private readonly DirectoryInfo _pids = Directory.CreateTempSubdirectory("chaos-pids-");
    private readonly List<Process> _silos = [];

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            if (!silo.HasExited)
            {
                silo.Kill();
            }

            silo.Dispose();
        }

        _pids.Delete(recursive: true);
        _report.Dispose();
    }

    [Fact]
    public async Task An_honest_shop_whose_answers_are_cut_passes_once_its_buyers_retry_and_the_drill_does_what_it_says()
    {
        // Every 4th order request is placed but answered 503, as by a silo that died after committing; orders page by 3.
        var silo = StandInSilo("silo-0");
        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword) { FailEveryNthRequest = 4, OrdersPageSize = 3, OrderLatency = Latency },
            Options() with { RestartPostgres = "echo restarted", RestartPostgresAt = TimeSpan.FromSeconds(1.5) });

        Assert.True(exit == ExitCodes.Passed, $"exit {exit}\n{_report.Out}\n{_report.Error}");
        var report = _report.Json();
        Assert.Equal("chaos", report["command"]!.GetValue<string>());
        Assert.All(ReportFiles.Checks(report), c => Assert.True(c.Passed, c.Id));
        string[] checks =
        [
            Audit.SoldMatchesConfirmed, Audit.StockConserved, Audit.NoOversell, ChaosAudit.CreatedConfirmedListed, ChaosAudit.ConfirmedAnswered,
            ChaosAudit.ReservationsDrained, ChaosAudit.InboxOnce, ChaosAudit.BoughtTogetherOnce, ChaosAudit.TrendingOnce,
        ];
        Assert.Equal(checks.Order(), ReportFiles.Checks(report).Select(c => c.Id).Order());

        // The 503s were retried with their key and replayed, so no order was lost or placed twice.
        var chaos = report["chaos"]!;
        Assert.True(report["statusCounts"]!["503"]!.GetValue<long>() > 0);
        Assert.True(chaos["purchases"]!["retried"]!.GetValue<long>() > 0);
        Assert.Equal(0, chaos["purchases"]!["gaveUp"]!.GetValue<long>());
        Assert.Equal(report["orders"]!.GetValue<long>(), chaos["figures"]!["createdListedConfirmed"]!.GetValue<long>());

        // The stand-in silo was SIGKILLed at the first kill; at the second, no live silo was left to kill.
        var events = chaos["events"]!.AsArray().Select(e => (Kind: e!["kind"]!.GetValue<string>(), Detail: e["detail"]!.GetValue<string>())).ToList();
        Assert.Equal(["silo-killed", "postgres-restarting", "postgres-restarted", "kill-skipped"], events.Select(e => e.Kind));
        Assert.Contains($"pid {silo.Id}", events[0].Detail, StringComparison.Ordinal);
        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Equal("done", events[2].Detail);

        // Answers by class, second by second, and the recovery of each disruption, in every form of the report.
        Assert.Equal(report["requests"]!.GetValue<long>(),
            chaos["availability"]!.AsArray().Sum(s => s!["success"]!.GetValue<long>() + s["refused"]!.GetValue<long>() + s["failed"]!.GetValue<long>() + s["noAnswer"]!.GetValue<long>()));
        Assert.Equal(2, chaos["recoveries"]!.AsArray().Count);
        Assert.Contains("## Chaos", _report.Text("report.md"), StringComparison.Ordinal);
        Assert.Contains("Availability over time", _report.Text("report.html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(FakeShop.UnlistEveryNthOrder), ChaosAudit.CreatedConfirmedListed + " " + Audit.SoldMatchesConfirmed)]
    [InlineData(nameof(FakeShop.IgnoreIdempotencyKey), ChaosAudit.ConfirmedAnswered)]
    [InlineData(nameof(FakeShop.DropInboxEveryNth), ChaosAudit.InboxOnce)]
    [InlineData(nameof(FakeShop.RepeatInboxEveryNth), ChaosAudit.InboxOnce)]
    [InlineData(nameof(FakeShop.TrendingOverBy), ChaosAudit.TrendingOnce)]
    [InlineData(nameof(FakeShop.StuckReserved), ChaosAudit.ReservationsDrained)]
    public async Task Each_planted_fault_fails_the_check_that_names_it(string fault, string failing)
    {
        StandInSilo("silo-0");
        var shop = fault switch
        {
            nameof(FakeShop.UnlistEveryNthOrder) => new FakeShop(AdminEmail, AdminPassword) { UnlistEveryNthOrder = 5, OrderLatency = Latency },
            nameof(FakeShop.IgnoreIdempotencyKey) => new FakeShop(AdminEmail, AdminPassword)
            {
                IgnoreIdempotencyKey = true,
                FailEveryNthRequest = 4,
                OrderLatency = Latency,
            },
            nameof(FakeShop.DropInboxEveryNth) => new FakeShop(AdminEmail, AdminPassword) { DropInboxEveryNth = 6, OrderLatency = Latency },
            nameof(FakeShop.RepeatInboxEveryNth) => new FakeShop(AdminEmail, AdminPassword) { RepeatInboxEveryNth = 6, OrderLatency = Latency },
            nameof(FakeShop.TrendingOverBy) => new FakeShop(AdminEmail, AdminPassword) { TrendingOverBy = 1, OrderLatency = Latency },
            _ => new FakeShop(AdminEmail, AdminPassword) { StuckReserved = 3, OrderLatency = Latency },
        };

        var exit = await RunAsync(shop, Options());

        Assert.True(exit == ExitCodes.AuditFailed, $"exit {exit}\n{_report.Out}\n{_report.Error}");
        var failed = ReportFiles.Checks(_report.Json()).Where(c => !c.Passed).Select(c => c.Id).Order();
        Assert.True(failing.Split(' ').Order().SequenceEqual(failed), $"failed: {string.Join(", ", failed)}\n{_report.Out}");
        Assert.Contains("AUDIT FAILED", _report.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_live_silo_to_kill_is_a_setup_failure()
    {
        await File.WriteAllTextAsync(Path.Combine(_pids.FullName, "silo-0.pid"), "999999999");

        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword), Options());

        Assert.Equal(ExitCodes.UsageOrSetupError, exit);
        Assert.Contains("no live silo process", _report.Error.ToString(), StringComparison.Ordinal);
        Assert.False(_report.Exists("report.json"));
    }

    /// <summary>A process standing in for a silo, its pid in the pid directory as run.sh writes it.</summary>
    private Process StandInSilo(string name)
    {
        var process = Process.Start(new ProcessStartInfo("sleep", ["300"]) { UseShellExecute = false })!;
        _silos.Add(process);
        File.WriteAllText(Path.Combine(_pids.FullName, $"{name}.pid"), $"{process.Id}\n");
        return process;
    }

    private async Task<int> RunAsync(FakeShop shop, ChaosOptions options)
    {
        using (shop)
        using (var http = shop.Client())
        {
            return await ChaosCommand.RunAsync(options, http, _report.Terminal);
        }
    }

    private ChaosOptions Options() => new()
    {
        Sale = ChaosOptions.SaleDefaults with
        {
            Api = new Uri("http://fake-shop/"),
            AdminEmail = AdminEmail,
            AdminPassword = AdminPassword,
            Units = 100_000,
            Buyers = 30,
            Concurrency = 4,
            Duration = TimeSpan.FromSeconds(3),
            ReportDirectory = _report.Directory,
            Seed = 7,
        },
        KillEvery = TimeSpan.FromSeconds(1.2),
        SiloPidDirectory = _pids.FullName,
        ReservationTtl = TimeSpan.FromSeconds(1),
        ConsumerSettle = TimeSpan.FromSeconds(1),
    };
}
