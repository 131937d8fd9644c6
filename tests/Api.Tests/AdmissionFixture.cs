namespace Ecommerce.Api.Tests;

/// <summary>
/// A shop of its own with small limits, so that going over them takes a handful of requests and touches no other
/// test. Each test speaks from addresses of its own (the test server lets a client pick its remote address), and
/// one proxy address is trusted for forwarded headers.
/// </summary>
public sealed class AdmissionFixture : ShopHost
{
    public const string TrustedProxy = "10.9.0.1";
    private int _next;

    protected override IDictionary<string, string?> ApiSettings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:Accounts:TokenLimit"] = "4",
        ["RateLimiting:Accounts:TokensPerPeriod"] = "4",
        ["RateLimiting:Accounts:ReplenishmentPeriod"] = "00:10:00",
        ["RateLimiting:Browse:TokenLimit"] = "5",
        ["RateLimiting:Browse:TokensPerPeriod"] = "5",
        ["RateLimiting:Browse:ReplenishmentPeriod"] = "00:10:00",
        ["RateLimiting:Writes:TokenLimit"] = "3",
        ["RateLimiting:Writes:TokensPerPeriod"] = "3",
        ["RateLimiting:Writes:ReplenishmentPeriod"] = "00:10:00",
        ["RateLimiting:Orders:PermitLimit"] = "1",
        ["RateLimiting:Orders:QueueLimit"] = "0",
        ["ForwardedHeaders:KnownProxies:0"] = TrustedProxy,
    };

    protected override IDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["Logins:AccountFailures"] = "3",
        ["Logins:AddressFailures"] = "3",
        ["Logins:Lockout"] = "00:00:02",
        ["Logins:MaxLockout"] = "00:00:02",
    };

    /// <summary>A fresh client address for each call, so that tests never share a bucket by accident.</summary>
    public IPAddress NewAddress() => IPAddress.Parse($"198.51.100.{Interlocked.Increment(ref _next)}");

    /// <summary>An anonymous client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient From(IPAddress address) =>
        new(Api.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address)) { BaseAddress = Api.Server.BaseAddress };

    /// <summary>A customer, registered and logged in from an address that is then used for nothing else.</summary>
    public async Task<HttpClient> CustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        var address = NewAddress();
        await Shop.RegisterAsync(From(address), email, "password-1234");
        return await Shop.LoginAsync(From(address), email, "password-1234");
    }

    public Task<HttpClient> AdminAsync() => Shop.LoginAsync(From(NewAddress()), AdminEmail, AdminPassword);
}
