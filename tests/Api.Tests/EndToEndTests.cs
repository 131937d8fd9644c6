namespace Ecommerce.Api.Tests;

/// <summary>
/// The shop as it is deployed: a silo process and an API process on PostgreSQL, driven over real HTTP, the way a
/// person follows the README with curl.
/// </summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task A_shopper_buys_over_http_from_real_processes_and_the_operator_sees_the_dashboard_behind_credentials()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync("e2e");
        var cluster = new Dictionary<string, string>
        {
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__Storage"] = "Postgres",
            ["Cluster__Reminders"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = postgres,
            ["Cluster__SiloPort"] = $"{Ports.Free()}",
            ["Cluster__GatewayPort"] = $"{Ports.Free()}",
        };
        await using var silo = await ShopProcess.StartSiloAsync("silo", new Dictionary<string, string>(cluster)
        {
            ["Dashboard__Username"] = "operator",
            ["Dashboard__Password"] = "dashboard-secret",
        });
        await using var api = await ShopProcess.StartApiAsync("api", new Dictionary<string, string>(cluster)
        {
            ["Admin__Email"] = "admin@shop.test",
            ["Admin__Password"] = "e2e-admin-password",
            ["Jwt__SigningKey"] = "an-end-to-end-signing-key-of-32-chars-plus",
        });
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };

        var admin = await Shop.LoginAsync(new HttpClient { BaseAddress = http.BaseAddress }, "admin@shop.test", "e2e-admin-password");
        var sku = await Shop.ProductAsync(admin, units: 3, name: "Limited Edition Sneaker", price: 150m);
        var products = (await Eventually.ThatAsync(() => http.GetFromJsonAsync<JsonObject>("/api/products?q=sneaker")!, r => r!.Int("total") > 0))!;
        Assert.Contains(products["items"]!.AsArray(), p => p!.Str("sku") == sku);

        await Shop.RegisterAsync(http, "buyer@shop.test", "buyer-password-1");
        var buyer = await Shop.LoginAsync(new HttpClient { BaseAddress = http.BaseAddress }, "buyer@shop.test", "buyer-password-1");
        Assert.Equal(HttpStatusCode.OK, (await buyer.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 2 })).StatusCode);
        var placed = await buyer.PostAsJsonAsync("/api/orders", new { payment = new { method = "card", token = "tok_visa" } });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = (await placed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Confirmed", order.Str("status"));
        var stock = await Shop.StockAsync(http, sku);
        Assert.Equal((1, 0, 2), (stock.Int("available"), stock.Int("reserved"), stock.Int("sold")));

        using var operatorHttp = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        var refused = await operatorHttp.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("operator:dashboard-secret")));
        var dashboard = await operatorHttp.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
