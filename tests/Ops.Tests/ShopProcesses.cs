namespace Ecommerce.Ops.Tests;

/// <summary>
/// The shop as it is deployed, for the operators' view of it: a silo process and an API process on PostgreSQL,
/// both logging JSON lines at Debug (Orleans included), the dashboard behind operator credentials.
/// </summary>
public sealed class ShopProcesses : IAsyncLifetime
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "ops-admin-password-0417";
    public const string SigningKey = "an-ops-test-signing-key-of-32-chars-and-more";
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "dashboard-secret-5521";

    private ShopProcess? _silo;
    private ShopProcess? _api;
    private string? _sku;

    public ShopProcess Silo => _silo ?? throw new InvalidOperationException("Not started.");
    public ShopProcess Api => _api ?? throw new InvalidOperationException("Not started.");
    public int SiloPort { get; } = Ports.Free();
    public int GatewayPort { get; } = Ports.Free();

    public async Task InitializeAsync()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync("ops");
        var cluster = new Dictionary<string, string>
        {
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__Storage"] = "Postgres",
            ["Cluster__Reminders"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = postgres,
            ["Logging__Json"] = "true",
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Orleans"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Polly"] = "Debug",
        };
        _silo = await ShopProcess.StartSiloAsync("silo", new Dictionary<string, string>(cluster)
        {
            ["Cluster__SiloPort"] = $"{SiloPort}",
            ["Cluster__GatewayPort"] = $"{GatewayPort}",
            ["Dashboard__Username"] = OperatorUser,
            ["Dashboard__Password"] = OperatorPassword,
        });
        _api = await ShopProcess.StartApiAsync("api", new Dictionary<string, string>(cluster)
        {
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
            ["Jwt__SigningKey"] = SigningKey,
        });
    }

    public HttpClient Http() => new() { BaseAddress = new Uri(Api.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A product with plenty of stock, made once per fixture.</summary>
    public async Task<string> ProductAsync()
    {
        if (_sku is null)
        {
            var admin = await Shop.LoginAsync(Http(), AdminEmail, AdminPassword);
            _sku = await Shop.ProductAsync(admin, units: 1_000);
        }

        return _sku;
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

[CollectionDefinition(Name)]
public sealed class ShopProcessesCollection : ICollectionFixture<ShopProcesses>
{
    public const string Name = "shop processes";
}
