namespace Ecommerce.LoadTest.Tests;

/// <summary>
/// The whole flash-sale command (setup, race, audit, report, exit code) against a fake API with planted faults:
/// the audit must notice each one, and say which invariant broke.
/// </summary>
public sealed class AuditAgainstFakeShopTests : IDisposable
{
    private const string AdminEmail = "admin@fake.test";
    private const string AdminPassword = "fake-admin-password";

    private readonly ReportFiles _report = new();

    public void Dispose()
    {
        _report.Dispose();
    }

    [Fact]
    public async Task Audit_passes_against_an_honest_shop()
    {
        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword), units: 20, maxPerCustomer: 2, buyers: 15);

        Assert.Equal(ExitCodes.Passed, exit);
        var report = _report.Json();
        Assert.True(report["audit"]!["passed"]!.GetValue<bool>());
        Assert.All(ReportFiles.Checks(report), c => Assert.True(c.Passed, c.Id));
        Assert.Equal(20, report["audit"]!["figures"]!["sold"]!.GetValue<int>());
        Assert.Contains("AUDIT PASSED", _report.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_fails_when_the_shop_sells_more_units_than_it_has()
    {
        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword) { OversellBy = 5 }, units: 20, maxPerCustomer: 0, buyers: 10);

        Assert.Equal(ExitCodes.AuditFailed, exit);
        var report = _report.Json();
        Assert.False(report["audit"]!["passed"]!.GetValue<bool>());
        var failed = ReportFiles.Checks(report).Where(c => !c.Passed).Select(c => c.Id).Order().ToArray();
        Assert.Equal([Audit.NoOversell, Audit.StockConserved], failed);
        Assert.Equal(25, report["audit"]!["figures"]!["sold"]!.GetValue<int>());
        Assert.Contains("AUDIT FAILED", _report.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL  no oversell", _report.Text("report.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_fails_when_a_buyer_holds_more_than_the_limit()
    {
        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword) { IgnoreLimit = true }, units: 30, maxPerCustomer: 2, buyers: 3);

        Assert.Equal(ExitCodes.AuditFailed, exit);
        var report = _report.Json();
        var failed = ReportFiles.Checks(report).Where(c => !c.Passed).Select(c => c.Id).ToArray();
        Assert.Equal([Audit.LimitPerCustomer], failed);
        Assert.True(report["audit"]!["figures"]!["mostUnitsOneBuyer"]!.GetValue<int>() > 2);
    }

    [Fact]
    public async Task Audit_fails_when_an_order_answered_201_is_not_found()
    {
        var exit = await RunAsync(new FakeShop(AdminEmail, AdminPassword) { LoseEveryNthOrder = 7 }, units: 20, maxPerCustomer: 0, buyers: 10);

        Assert.Equal(ExitCodes.AuditFailed, exit);
        var failed = ReportFiles.Checks(_report.Json()).Where(c => !c.Passed).Select(c => c.Id).Order().ToArray();
        Assert.Equal([Audit.CreatedMatchesConfirmed, Audit.SoldMatchesConfirmed], failed);
    }

    [Fact]
    public async Task A_refused_admin_login_is_a_setup_failure()
    {
        var options = Options(units: 5, maxPerCustomer: 1, buyers: 2) with { AdminPassword = "wrong" };
        using var http = new FakeShop(AdminEmail, AdminPassword).Client();

        var exit = await FlashSaleCommand.RunAsync(options, http, _report.Terminal);

        Assert.Equal(ExitCodes.UsageOrSetupError, exit);
        Assert.Contains("Setup failed", _report.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", _report.Error.ToString(), StringComparison.Ordinal);
        Assert.False(_report.Exists("report.json"));
    }

    [Fact]
    public async Task An_unreachable_api_is_a_setup_failure()
    {
        var port = Ports.Free();
        var options = Options(units: 5, maxPerCustomer: 1, buyers: 2) with { Api = new Uri($"http://127.0.0.1:{port}/") };
        using var http = new HttpClient { BaseAddress = options.Api };

        var exit = await FlashSaleCommand.RunAsync(options, http, _report.Terminal);

        Assert.Equal(ExitCodes.UsageOrSetupError, exit);
        Assert.Contains("can't be reached", _report.Error.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> RunAsync(FakeShop shop, int units, int maxPerCustomer, int buyers)
    {
        using (shop)
        using (var http = shop.Client())
        {
            return await FlashSaleCommand.RunAsync(Options(units, maxPerCustomer, buyers), http, _report.Terminal);
        }
    }

    private FlashSaleOptions Options(int units, int maxPerCustomer, int buyers) => new()
    {
        Api = new Uri("http://fake-shop/"),
        AdminEmail = AdminEmail,
        AdminPassword = AdminPassword,
        Units = units,
        MaxPerCustomer = maxPerCustomer,
        Buyers = buyers,
        Concurrency = 4,
        // The race ends early, 2 s after the last unit sold; this bound only matters if it does not.
        Duration = TimeSpan.FromSeconds(20),
        ReportDirectory = _report.Directory,
        Seed = 42,
    };
}
