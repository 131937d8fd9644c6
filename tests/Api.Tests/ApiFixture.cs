namespace Ecommerce.Api.Tests;

/// <summary>The shop (<see cref="ShopHost"/>) shared by the API tests, which each make their own users and products.</summary>
public sealed class ApiFixture : ShopHost
{
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
