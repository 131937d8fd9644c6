using Ecommerce.Carts;
using Ecommerce.Catalog;
using Ecommerce.Users;

namespace Ecommerce.Grains.Tests;

[Collection(MemoryClusterCollection.Name)]
public sealed class UserAndCartGrainTests(MemoryClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Concurrent_registrations_of_one_address_create_exactly_one_account()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        var login = _grains.GetGrain<IUserLoginGrain>(EmailAddress.Normalize(email));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            login.RegisterAsync(new NewUser(Guid.NewGuid(), email, $"User {i}", "hash", [Roles.Customer]))));

        var created = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(created.UserId, r.UserId));
        Assert.Equal(created.UserId, await login.GetUserIdAsync());
        Assert.Equal(email, (await _grains.GetGrain<IUserGrain>(created.UserId).GetProfileAsync())!.Email);
    }

    [Fact]
    public async Task A_cart_prices_its_lines_from_the_catalog_and_refuses_unknown_products()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5, price: 4.25m);
        var cart = _grains.GetGrain<ICartGrain>(Guid.NewGuid());

        await cart.SetItemAsync(sku, 2);
        var unknown = await cart.SetItemAsync("NO-SUCH-SKU", 1);
        await _grains.GetGrain<IProductGrain>(sku).UpsertAsync(
            new ProductDetails("Renamed", "", "Tests", 5m, "EUR", null, null));
        var view = await cart.GetAsync();

        Assert.Equal(CartChange.UnknownProduct, unknown.Change);
        var line = Assert.Single(view.Items);
        Assert.Equal(("Renamed", 2, 5m, 10m), (line.Name, line.Quantity, line.UnitPrice, line.LineTotal));
        Assert.Equal(10m, view.Total);
    }

    [Fact]
    public async Task A_cart_keeps_to_one_currency()
    {
        var euros = await ShopData.ProductAsync(_grains, units: 5);
        var dollars = await ShopData.ProductAsync(_grains, units: 5, currency: "USD");
        var cart = _grains.GetGrain<ICartGrain>(Guid.NewGuid());

        await cart.SetItemAsync(euros, 1);
        var refused = await cart.SetItemAsync(dollars, 1);
        await cart.RemoveItemAsync(euros);
        var accepted = await cart.SetItemAsync(dollars, 1);

        Assert.Equal(CartChange.CurrencyMismatch, refused.Change);
        Assert.Equal(CartChange.Updated, accepted.Change);
        Assert.Equal("USD", accepted.Cart.Currency);
    }

    [Fact]
    public async Task A_checkout_takes_only_what_was_ordered_out_of_the_cart_and_only_once()
    {
        var (a, b) = (await ShopData.ProductAsync(_grains, units: 5), await ShopData.ProductAsync(_grains, units: 5));
        var cart = _grains.GetGrain<ICartGrain>(Guid.NewGuid());
        await cart.SetItemAsync(a, 3);
        await cart.SetItemAsync(b, 1);
        var order = Guid.NewGuid();

        // The order took 2 of a and 1 of b; the shopper raised a to 3 while it was placed.
        await cart.RemoveOrderedAsync(order, [new CartLineOrdered(a, 2), new CartLineOrdered(b, 1)]);
        await cart.RemoveOrderedAsync(order, [new CartLineOrdered(a, 2), new CartLineOrdered(b, 1)]);

        var line = Assert.Single((await cart.GetAsync()).Items);
        Assert.Equal((a, 1), (line.Sku, line.Quantity));
    }

    [Fact]
    public async Task A_cart_holds_a_bounded_number_of_lines()
    {
        var cart = _grains.GetGrain<ICartGrain>(Guid.NewGuid());
        var skus = new List<string>();
        for (var i = 0; i <= CartLimits.MaxLines; i++)
        {
            skus.Add(await ShopData.ProductAsync(_grains, units: 1));
        }

        foreach (var sku in skus.Take(CartLimits.MaxLines))
        {
            Assert.Equal(CartChange.Updated, (await cart.SetItemAsync(sku, 1)).Change);
        }

        var refused = await cart.SetItemAsync(skus[^1], 1);
        var raised = await cart.SetItemAsync(skus[0], 2);

        Assert.Equal(CartChange.TooManyLines, refused.Change);
        Assert.Equal(CartLimits.MaxLines, refused.Cart.Items.Count);
        Assert.Equal(CartChange.Updated, raised.Change);
    }
}
