namespace Ecommerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CartApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_cart_is_filled_priced_emptied_and_private_to_its_owner()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10, price: 2.5m);
        var (owner, _) = await fixture.CustomerAsync();
        var (stranger, _) = await fixture.CustomerAsync();

        var put = (await (await owner.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 4 })).Content.ReadFromJsonAsync<JsonObject>())!;
        var strangersCart = (await stranger.GetFromJsonAsync<JsonObject>("/api/cart"))!;

        var line = put["items"]![0]!;
        Assert.Equal((sku, 4), (line.Str("sku"), line.Int("quantity")));
        Assert.Equal(10m, line["lineTotal"]!.GetValue<decimal>());
        Assert.Equal(10m, put["total"]!.GetValue<decimal>());
        Assert.Empty(strangersCart["items"]!.AsArray());

        var removed = (await (await owner.DeleteAsync($"/api/cart/items/{sku}")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(removed["items"]!.AsArray());
        await owner.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1 });
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/cart")).StatusCode);
        Assert.Empty((await owner.GetFromJsonAsync<JsonObject>("/api/cart"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_products_and_bad_quantities_are_refused()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10);
        var (buyer, _) = await fixture.CustomerAsync();

        await Shop.ProblemAsync(await buyer.PutAsJsonAsync("/api/cart/items/NO-SUCH-SKU", new { quantity = 1 }), HttpStatusCode.NotFound, "not-found");
        await Shop.ProblemAsync(await buyer.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 0 }), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/cart"), HttpStatusCode.Unauthorized);
        Assert.Empty((await buyer.GetFromJsonAsync<JsonObject>("/api/cart"))!["items"]!.AsArray());
    }
}
