using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>
/// The shop for API-level tests, as an xunit fixture: a silo host in this process (state in memory) and the API in
/// ASP.NET Core's test host, connected to it as an Orleans client over TCP, with a known admin account.
/// </summary>
public class ShopHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "admin-password-for-tests";

    private InProcessSilo? _silo;
    private WebApplicationFactory<Program>? _api;

    public WebApplicationFactory<Program> Api => _api ?? throw new InvalidOperationException("Not started.");

    /// <summary>The silo's own services: its grain factory, the simulated payment processor, the payment circuit.</summary>
    public IServiceProvider SiloServices => (_silo ?? throw new InvalidOperationException("Not started.")).Services;

    /// <summary>Settings the silo gets on top of its defaults; a fixture overrides this to shape the shop it tests.</summary>
    protected virtual IDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// Settings the API gets on top of its defaults. Rate limits are off here: the tests drive the API from one
    /// address with many buyers; a fixture that tests admission sets its own.
    /// </summary>
    protected virtual IDictionary<string, string?> ApiSettings { get; } = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };

    public async Task InitializeAsync()
    {
        var silo = _silo = await InProcessSilo.StartAsync(SiloSettings);
        await BeforeApiStartsAsync();
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Cluster:GatewayPort", $"{silo.GatewayPort}");
            web.UseSetting("Admin:Email", AdminEmail);
            web.UseSetting("Admin:Password", AdminPassword);
            web.UseSetting("Jwt:SigningKey", "a-signing-key-for-tests-only-32-chars-or-more");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in ApiSettings)
            {
                web.UseSetting(key, value);
            }
        });
        _ = _api.Server;
    }

    /// <summary>What a fixture does in the cluster before any API process exists (the admin is seeded at API start).</summary>
    protected virtual Task BeforeApiStartsAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Every test has run and been judged by now: a fault while tearing the hosts down is printed with its stack
        // (xunit reports only "Test Collection Cleanup Failure" and the exception's type).
        if (_api is not null)
        {
            await ReportFaultAsync("the API host", () => _api.DisposeAsync().AsTask());
        }

        if (_silo is not null)
        {
            await ReportFaultAsync("the silo host", () => _silo.DisposeAsync().AsTask());
        }
    }

    private static async Task ReportFaultAsync(string what, Func<Task> stop)
    {
        try
        {
            await stop();
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"ShopHost: stopping {what} failed after the tests: {ex}");
        }
    }
}
