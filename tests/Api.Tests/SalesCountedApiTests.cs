namespace Ecommerce.Api.Tests;

/// <summary>GET /api/products/{sku}/sales: what the consumers of order events counted, for operators and the chaos drill.</summary>
[Collection(ApiCollection.Name)]
public sealed class SalesCountedApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Bought_together_and_trending_each_count_a_products_confirmed_units_once_and_only_admins_see_it()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 20);
        var (buyer, _) = await fixture.CustomerAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, quantity: 2, idempotencyKey: key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, quantity: 3)).StatusCode);

        // A retry of the first order replays it: the consumers must not count it again.
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, quantity: 2, idempotencyKey: key)).StatusCode);

        var counted = await Eventually.ThatAsync(() => admin.GetFromJsonAsync<JsonObject>($"/api/products/{sku}/sales")!,
            c => c!.Int("boughtTogetherUnits") == 5 && c!.Int("trendingUnits") == 5);
        Assert.Equal((sku, 5, 5), (counted!.Str("sku"), counted!.Int("boughtTogetherUnits"), counted!.Int("trendingUnits")));

        await Shop.ProblemAsync(await buyer.GetAsync($"/api/products/{sku}/sales"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync($"/api/products/{sku}/sales")).StatusCode);
        await Shop.ProblemAsync(await admin.GetAsync("/api/products/NO-SUCH-SKU-1/sales"), HttpStatusCode.NotFound, "not-found");
    }
}
