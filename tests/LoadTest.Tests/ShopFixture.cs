using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecommerce.LoadTest.Tests;

/// <summary>
/// The real shop for the load tester: a silo host in this process (state in memory) and the API in ASP.NET Core's
/// test host connected to it over TCP, set up exactly as the API tests do (tests/Api.Tests/ApiFixture.cs).
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "admin-password-for-tests";

    private InProcessSilo? _silo;
    private WebApplicationFactory<Program>? _api;

    public WebApplicationFactory<Program> Api => _api ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _silo = await InProcessSilo.StartAsync();
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Cluster:GatewayPort", $"{_silo.GatewayPort}");
            web.UseSetting("Admin:Email", AdminEmail);
            web.UseSetting("Admin:Password", AdminPassword);
            web.UseSetting("Jwt:SigningKey", "a-signing-key-for-tests-only-32-chars-or-more");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = _api.Server;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
