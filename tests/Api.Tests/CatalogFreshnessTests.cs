namespace Ecommerce.Api.Tests;

/// <summary>
/// Every API process holds its own search index: a change made through one process is searchable through another
/// within moments, and a process that joins later loads the whole catalog before it says it is ready.
/// </summary>
public sealed class CatalogFreshnessTests
{
    [Fact]
    public async Task A_change_through_one_api_process_is_found_through_another_and_a_new_process_finds_everything()
    {
        var gatewayPort = Ports.Free();
        var siloPort = Ports.Free();
        await using var silo = await ShopProcess.StartSiloAsync("silo", new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = $"{siloPort}",
            ["Cluster__PrimarySiloPort"] = $"{siloPort}",
            ["Cluster__GatewayPort"] = $"{gatewayPort}",
        });
        var api = new Dictionary<string, string>
        {
            ["Cluster__GatewayPort"] = $"{gatewayPort}",
            ["Admin__Email"] = "admin@shop.test",
            ["Admin__Password"] = "freshness-admin-password",
            ["Jwt__SigningKey"] = "a-shared-signing-key-for-two-api-processes",
        };
        await using var writer = await ShopProcess.StartApiAsync("api-a", api);
        await using var reader = await ShopProcess.StartApiAsync("api-b", api);
        var admin = await Shop.LoginAsync(new HttpClient { BaseAddress = new Uri(writer.BaseUrl) }, "admin@shop.test", "freshness-admin-password");
        using var other = new HttpClient { BaseAddress = new Uri(reader.BaseUrl) };
        var sku = await Shop.ProductAsync(admin, units: 5, name: "Quokka Lamp", description: "Warm light", category: "Lighting");

        var found = await Eventually.ThatAsync(() => other.GetFromJsonAsync<JsonObject>("/api/products?q=quokka")!,
            r => r!.Int("total") == 1, TimeSpan.FromSeconds(3));
        Assert.Equal(sku, found!["items"]![0]!.Str("sku"));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/products/{sku}",
            new { name = "Wombat Lamp", description = "Warm light", category = "Lighting", price = 19.99m, currency = "EUR" })).StatusCode);
        var renamed = await Eventually.ThatAsync(() => other.GetFromJsonAsync<JsonObject>("/api/products?q=wombat")!,
            r => r!.Int("total") == 1, TimeSpan.FromSeconds(3));
        Assert.Equal(1, renamed!.Int("total"));
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonObject>("/api/products?q=quokka"))!.Int("total"));
        Assert.Equal("Wombat Lamp", (await other.GetFromJsonAsync<JsonObject>($"/api/products/{sku}"))!.Str("name"));

        // A process that joins now loads the catalog from the cluster before it reports ready.
        await using var late = await ShopProcess.StartApiAsync("api-c", api);
        using var lateHttp = new HttpClient { BaseAddress = new Uri(late.BaseUrl) };
        Assert.Equal(1, (await lateHttp.GetFromJsonAsync<JsonObject>("/api/products?q=wombat"))!.Int("total"));
    }
}
