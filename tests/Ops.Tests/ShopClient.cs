namespace Ecommerce.Ops.Tests;

/// <summary>What these tests need beyond <see cref="Shop"/>: the bearer token itself, a confirmed order, a new buyer.</summary>
public static class ShopClient
{
    /// <summary>Logs in and sets the bearer token on the client; returns the token.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        await Shop.LoginAsync(http, email, password);
        return http.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    public static async Task<JsonObject> OrderAsync(HttpClient buyer, string sku, string token = "tok_visa")
    {
        var response = await Shop.OrderAsync(buyer, sku, token: token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Confirmed", order["status"]!.GetValue<string>());
        return order;
    }

    /// <summary>A new buyer, registered and logged in.</summary>
    public static async Task<HttpClient> BuyerAsync(Func<HttpClient> http)
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(http(), email, "buyer-password-1");
        return await Shop.LoginAsync(http(), email, "buyer-password-1");
    }
}
