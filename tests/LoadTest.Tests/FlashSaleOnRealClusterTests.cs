using Ecommerce.LoadTest.Ceiling;

namespace Ecommerce.LoadTest.Tests;

/// <summary>The load tester against the real API and grains: an honest shop must pass its audit, exactly sold out.</summary>
public sealed class FlashSaleOnRealClusterTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private readonly ReportFiles _report = new();

    public void Dispose()
    {
        _report.Dispose();
    }

    [Fact]
    public async Task A_small_flash_sale_sells_exactly_its_units_and_passes_the_audit()
    {
        var options = new FlashSaleOptions
        {
            Api = new Uri("http://localhost/"),
            AdminEmail = ShopHost.AdminEmail,
            AdminPassword = ShopHost.AdminPassword,
            Units = 30,
            MaxPerCustomer = 2,
            Buyers = 40,
            Concurrency = 16,
            // Ends about 2 s after the last unit sells; the bound only guards against a sale that never sells out.
            Duration = TimeSpan.FromSeconds(20),
            ReportDirectory = _report.Directory,
        };
        using var http = shop.Api.CreateClient();

        var exit = await FlashSaleCommand.RunAsync(options, http, _report.Terminal);

        Assert.True(exit == ExitCodes.Passed, $"exit {exit}\n{_report.Out}\n{_report.Error}");
        var report = _report.Json();
        Assert.True(report["audit"]!["passed"]!.GetValue<bool>());
        Assert.All(ReportFiles.Checks(report), c => Assert.True(c.Passed, c.Id));
        Assert.Contains(ReportFiles.Checks(report), c => c.Id == Audit.LimitPerCustomer);
        var figures = report["audit"]!["figures"]!;
        Assert.Equal(30, figures["sold"]!.GetValue<int>());
        Assert.Equal(0, figures["available"]!.GetValue<int>());
        Assert.Equal(30, figures["confirmedUnits"]!.GetValue<int>());
        Assert.Equal(30, report["statusCounts"]!["201"]!.GetValue<long>());
        Assert.True(figures["mostUnitsOneBuyer"]!.GetValue<int>() <= 2);
        Assert.True(report["requestsPerSecond"]!.GetValue<double>() > 0);
        foreach (var field in new[] { "p50", "p95", "p99", "max" })
        {
            Assert.True(report["latencyMs"]![field]!.GetValue<double>() > 0, field);
        }

        Assert.True(_report.Exists("report.md"));
        var html = _report.Text("report.html");
        Assert.Contains("AUDIT PASSED", html, StringComparison.Ordinal);
        Assert.True(html.Contains("<img", StringComparison.Ordinal) || html.Contains("<svg", StringComparison.Ordinal));
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ceiling_command_reports_the_same_shape_without_an_audit()
    {
        var options = new CeilingOptions
        {
            Api = new Uri("http://localhost/"),
            Concurrency = 4,
            Duration = TimeSpan.FromSeconds(2),
            ReportDirectory = _report.Directory,
        };
        using var http = shop.Api.CreateClient();

        var exit = await CeilingCommand.RunAsync(options, http, _report.Terminal);

        Assert.Equal(ExitCodes.Passed, exit);
        var report = _report.Json();
        Assert.Equal("ceiling", report["command"]!.GetValue<string>());
        Assert.True(report["requestsPerSecond"]!.GetValue<double>() > 0);
        Assert.Equal(0, report["ordersPerSecond"]!.GetValue<double>());
        Assert.True(report["statusCounts"]!["200"]!.GetValue<long>() > 0);
        Assert.True(report["audit"]!["passed"]!.GetValue<bool>());
        Assert.Empty(report["audit"]!["checks"]!.AsArray());
        Assert.NotNull(report["latencyMs"]!["p99"]);
    }
}
