using Ecommerce.Catalog;
using Ecommerce.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Ecommerce.Api.Tests;

/// <summary>
/// A shop of its own, so that counting the silo's activations sees only what these tests do: refusals the API answers
/// from what it knows, without waking a grain.
/// </summary>
public sealed class FreeRefusalsFixture : ShopHost
{
    public HttpClient Anonymous() => Api.CreateClient();

    public Task<HttpClient> AdminAsync() => Shop.LoginAsync(Anonymous(), AdminEmail, AdminPassword);

    public IGrainFactory Grains => SiloServices.GetRequiredService<IGrainFactory>();

    public async Task<HttpClient> CustomerAsync()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(Anonymous(), email, "password-1234");
        return await Shop.LoginAsync(Anonymous(), email, "password-1234");
    }

    /// <summary>Whether the grain has an activation anywhere in the cluster.</summary>
    public async Task<bool> IsActiveAsync(IAddressable grain) =>
        await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain) is not null;

    /// <summary>Order grains active now, counted by each silo from its catalog (not from periodic statistics).</summary>
    public async Task<int> OrderActivationsAsync() =>
        (await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Count(s => s.GrainType.Contains(typeof(Ecommerce.Grains.Orders.OrderGrain).FullName!, StringComparison.Ordinal));
}

public sealed class FreeRefusalsTests(FreeRefusalsFixture fixture) : IClassFixture<FreeRefusalsFixture>
{
    [Fact]
    public async Task An_unknown_sku_is_404_on_its_page_its_stock_a_cart_and_an_order_line_and_no_grain_wakes_for_it()
    {
        var admin = await fixture.AdminAsync();
        var known = await Shop.ProductAsync(admin, units: 3);
        var buyer = await fixture.CustomerAsync();
        var unknown = $"NOPE-{Guid.NewGuid():N}"[..20];

        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync($"/api/products/{unknown}"), HttpStatusCode.NotFound, "not-found");
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync($"/api/products/{unknown}/stock"), HttpStatusCode.NotFound, "not-found");
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync($"/api/products/{unknown}/recommendations"), HttpStatusCode.NotFound, "not-found");
        await Shop.ProblemAsync(await buyer.PutAsJsonAsync($"/api/cart/items/{unknown}", new { quantity = 1 }), HttpStatusCode.NotFound, "not-found");
        var order = await Shop.ProblemAsync(await Shop.OrderAsync(buyer, unknown, idempotencyKey: Guid.NewGuid().ToString()),
            HttpStatusCode.NotFound, "not-found");

        Assert.Equal(unknown, order.Str("sku"));
        Assert.False(await fixture.IsActiveAsync(fixture.Grains.GetGrain<IProductGrain>(unknown)));
        Assert.False(await fixture.IsActiveAsync(fixture.Grains.GetGrain<Ecommerce.Inventory.IStockGrain>(unknown)));

        // The check can fail: reading a product that exists does wake its grain.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync($"/api/products/{known}")).StatusCode);
        Assert.True(await fixture.IsActiveAsync(fixture.Grains.GetGrain<IProductGrain>(known)));
    }

    [Fact]
    public async Task A_sold_out_product_is_refused_without_an_order_grain_and_orderable_again_soon_after_a_restock()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 1);
        var buyer = await fixture.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku)).StatusCode);

        // The count can move: the order just placed is an active order grain.
        Assert.True(await fixture.OrderActivationsAsync() > 0);

        // The stock grain announces the sale within half a second; from then on the API knows.
        var refused = await Eventually.ThatAsync(async () =>
        {
            var before = await fixture.OrderActivationsAsync();
            var answer = await Shop.OrderAsync(buyer, sku);
            return (answer, woke: await fixture.OrderActivationsAsync() - before);
        }, r => r.answer.StatusCode == HttpStatusCode.Conflict && r.woke == 0, TimeSpan.FromSeconds(5));
        var problem = await Shop.ProblemAsync(refused.answer, HttpStatusCode.Conflict, "out-of-stock");
        Assert.Equal(sku, problem.Str("sku"));
        Assert.Equal(0, refused.woke);

        // With an Idempotency-Key it may be the retry of an order placed before the sale ended: the order grain answers.
        var key = Guid.NewGuid().ToString();
        var me = (await buyer.GetFromJsonAsync<JsonObject>("/api/users/me"))!["id"]!.GetValue<Guid>();
        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, idempotencyKey: key), HttpStatusCode.Conflict, "out-of-stock");
        Assert.True(await fixture.IsActiveAsync(fixture.Grains.GetGrain<IOrderGrain>(OrderIds.ForIdempotencyKey(me, key))));

        // A restock (here through another route than orders) reaches the API's knowledge within the announcement delay.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = 5 })).StatusCode);
        var again = await Eventually.ThatAsync(() => Shop.OrderAsync(buyer, sku), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_product_not_yet_on_sale_is_refused_at_once()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5, availableFrom: DateTimeOffset.UtcNow.AddHours(1));
        var buyer = await fixture.CustomerAsync();
        var before = await fixture.OrderActivationsAsync();

        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku), HttpStatusCode.Conflict, "not-on-sale");

        Assert.Equal(before, await fixture.OrderActivationsAsync());
    }

    [Fact]
    public async Task Order_lines_with_malformed_skus_or_null_lines_are_400()
    {
        var buyer = await fixture.CustomerAsync();

        var bad = await buyer.PostAsJsonAsync("/api/orders", new { items = new[] { new { sku = "../../etc", quantity = 1 } }, payment = new { method = "card", token = "tok_visa" } });
        var nullLine = await buyer.PostAsync(new Uri("/api/orders", UriKind.Relative),
            new StringContent("""{"items":[null],"payment":{"method":"card","token":"tok_visa"}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.True((await Shop.ProblemAsync(bad, HttpStatusCode.BadRequest, "validation"))["errors"]!.AsObject().ContainsKey("items[0].sku"));
        await Shop.ProblemAsync(nullLine, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Product_reads_are_cached_whatever_query_a_client_adds()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5);
        var http = fixture.Anonymous();
        var n = 0;

        // Served from the output cache: the entry made by the first request, whose query differed. (The catalog feed
        // may evict an entry as the product's creation reaches it, hence the retries.)
        var second = await Eventually.ThatAsync(async () =>
        {
            await http.GetAsync($"/api/products/{sku}?cache-buster={++n}");
            return await http.GetAsync($"/api/products/{sku}?cache-buster={++n}");
        }, r => r.Headers.Age is not null, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
    }
}
