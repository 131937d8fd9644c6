using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecommerce.Api.Tests;

/// <summary>
/// The API in ASP.NET Core's test host, connected as an Orleans client over TCP to a real silo host running in this
/// process (state in memory). Shared by the API tests, which each make their own users and products.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
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

    public HttpClient Anonymous() => Api.CreateClient();

    public Task<HttpClient> AdminAsync() => Shop.LoginAsync(Anonymous(), AdminEmail, AdminPassword);

    public async Task<(HttpClient Client, Guid Id)> CustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        var created = await Shop.RegisterAsync(Anonymous(), email, "password-1234");
        return (await Shop.LoginAsync(Anonymous(), email, "password-1234"), created);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
