namespace Ecommerce.Ops.Tests;

/// <summary>What a client app does over HTTP, as far as these tests need it.</summary>
public static class ShopClient
{
    public static async Task<Guid> RegisterAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/users", new { email, password, name = "Ops Buyer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>Logs in and sets the bearer token on the client; returns the token.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public static async Task<HttpClient> LoginAsync(HttpClient http, string email, string password)
    {
        await TokenAsync(http, email, password);
        return http;
    }

    public static async Task<string> ProductAsync(HttpClient admin, int units)
    {
        var sku = $"OPS-{Guid.NewGuid():N}"[..18];
        var created = await admin.PutAsJsonAsync($"/api/products/{sku}",
            new { name = $"Product {sku}", description = "For the operators' tests", category = "Tests", price = 25m, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stocked = await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = units });
        Assert.Equal(HttpStatusCode.OK, stocked.StatusCode);
        return sku;
    }

    public static async Task<JsonObject> OrderAsync(HttpClient buyer, string sku, string token = "tok_visa")
    {
        var response = await buyer.PostAsJsonAsync("/api/orders",
            new { items = new[] { new { sku, quantity = 1 } }, payment = new { method = "card", token } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Confirmed", order["status"]!.GetValue<string>());
        return order;
    }

    /// <summary>A new buyer, registered and logged in.</summary>
    public static async Task<HttpClient> BuyerAsync(Func<HttpClient> http)
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await RegisterAsync(http(), email, "buyer-password-1");
        return await LoginAsync(http(), email, "buyer-password-1");
    }
}
