using Ecommerce.Inventory;

namespace Ecommerce.Grains.Tests;

[Collection(MemoryClusterCollection.Name)]
public sealed class StockGrainTests(MemoryClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Last_units_sell_exactly_once_under_concurrent_reservations()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 50);
        var stock = _grains.GetGrain<IStockGrain>(sku);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            stock.ReserveAsync(new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 1))));

        Assert.Equal(50, results.Count(r => r.Outcome == ReserveOutcome.Reserved));
        Assert.Equal(150, results.Count(r => r.Outcome == ReserveOutcome.OutOfStock));
        var level = await stock.GetAsync();
        Assert.Equal(0, level.Available);
        Assert.Equal(50, level.Reserved);
        ShopData.AssertBalanced(level, 50);
    }

    [Fact]
    public async Task A_customer_never_holds_more_than_the_limit_under_concurrent_reservations()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 100, maxPerCustomer: 3);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var customer = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            stock.ReserveAsync(new ReserveRequest(Guid.NewGuid(), customer, 1))));

        Assert.Equal(3, results.Count(r => r.Outcome == ReserveOutcome.Reserved));
        Assert.Equal(37, results.Count(r => r.Outcome == ReserveOutcome.LimitExceeded));
        var other = await stock.ReserveAsync(new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 3));
        Assert.Equal(ReserveOutcome.Reserved, other.Outcome);
        ShopData.AssertBalanced(await stock.GetAsync(), 100);
    }

    [Fact]
    public async Task Reserving_twice_for_one_order_takes_the_units_once()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 10);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var request = new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 4);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => stock.ReserveAsync(request)));

        Assert.All(results, r => Assert.Equal(ReserveOutcome.Reserved, r.Outcome));
        var level = await stock.GetAsync();
        Assert.Equal(4, level.Reserved);
        Assert.Equal(6, level.Available);
    }

    [Fact]
    public async Task Confirm_sells_release_gives_back_and_return_puts_sold_units_back_on_sale()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 10);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var (sold, released, buyer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await stock.ReserveAsync(new ReserveRequest(sold, buyer, 3));
        await stock.ReserveAsync(new ReserveRequest(released, Guid.NewGuid(), 2));

        Assert.True(await stock.ConfirmAsync(sold));
        Assert.True(await stock.ConfirmAsync(sold));
        await stock.ReleaseAsync(released);
        await stock.ReleaseAsync(released);
        var level = await stock.GetAsync();
        Assert.Equal((7, 0, 3), (level.Available, level.Reserved, level.Sold));
        Assert.False(await stock.ConfirmAsync(released));

        await stock.ReturnAsync(new ReturnRequest(sold, buyer, 3));
        await stock.ReturnAsync(new ReturnRequest(sold, buyer, 3));
        level = await stock.GetAsync();
        Assert.Equal((10, 0, 0), (level.Available, level.Reserved, level.Sold));
    }

    [Fact]
    public async Task Unconfirmed_reservations_expire_back_to_available()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var kept = Guid.NewGuid();
        var lapsing = Guid.NewGuid();
        await stock.ReserveAsync(new ReserveRequest(kept, Guid.NewGuid(), 1));
        await stock.ReserveAsync(new ReserveRequest(lapsing, Guid.NewGuid(), 2));
        Assert.True(await stock.ConfirmAsync(kept));

        // The TTL is two seconds in this cluster; the sweep runs every 200 ms.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        StockLevel level;
        do
        {
            await Task.Delay(250);
            level = await stock.GetAsync();
        }
        while (level.Reserved > 0 && DateTime.UtcNow < deadline);

        Assert.Equal((4, 0, 1), (level.Available, level.Reserved, level.Sold));
        Assert.False(await stock.ConfirmAsync(lapsing));
        ShopData.AssertBalanced(level, 5);
    }

    [Fact]
    public async Task Nothing_is_reserved_before_the_product_goes_on_sale()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5, availableFrom: DateTimeOffset.UtcNow.AddHours(1));

        var result = await _grains.GetGrain<IStockGrain>(sku).ReserveAsync(new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 1));

        Assert.Equal(ReserveOutcome.NotOnSale, result.Outcome);
        Assert.Equal(5, (await _grains.GetGrain<IStockGrain>(sku).GetAsync()).Available);
    }

    [Fact]
    public async Task On_hand_cannot_drop_below_reserved_units_and_sold_units_stay_sold()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 10);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var order = Guid.NewGuid();
        await stock.ReserveAsync(new ReserveRequest(order, Guid.NewGuid(), 2));
        await stock.ReserveAsync(new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 3));
        await stock.ConfirmAsync(order);

        var refused = await stock.SetOnHandAsync(2);
        var accepted = await stock.SetOnHandAsync(20);

        Assert.False(refused.Accepted);
        Assert.True(accepted.Accepted);
        Assert.Equal((17, 3, 2), (accepted.Level.Available, accepted.Level.Reserved, accepted.Level.Sold));
        ShopData.AssertBalanced(accepted.Level, 22);
    }
}

[Collection(MemoryClusterCollection.Name)]
public sealed class StockUnderLoadTests(MemoryClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Theory]
    [InlineData(5000, 1000, null)]
    [InlineData(5000, 1000, 3)]
    public async Task Thousands_of_concurrent_reservations_confirmations_and_releases_keep_the_invariants(int requests, int units, int? limit)
    {
        var sku = await ShopData.ProductAsync(_grains, units, maxPerCustomer: limit);
        var stock = _grains.GetGrain<IStockGrain>(sku);
        var customers = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid()).ToArray();
        var random = new Random(42);
        var plan = Enumerable.Range(0, requests).Select(i => (Order: Guid.NewGuid(), Customer: customers[random.Next(customers.Length)],
            Quantity: 1 + random.Next(2), Fate: random.Next(3))).ToList();

        var outcomes = await Task.WhenAll(plan.Select(async p =>
        {
            var reserved = await stock.ReserveAsync(new ReserveRequest(p.Order, p.Customer, p.Quantity));
            if (reserved.Outcome != ReserveOutcome.Reserved)
            {
                return (p, Sold: false, reserved.Outcome);
            }

            // A third confirms, a third releases, a third is left to lapse.
            var sold = p.Fate == 0 && await stock.ConfirmAsync(p.Order);
            if (p.Fate == 1)
            {
                await stock.ReleaseAsync(p.Order);
            }

            return (p, Sold: sold, reserved.Outcome);
        }));

        var level = await stock.GetAsync();
        ShopData.AssertBalanced(level, units);
        Assert.Equal(outcomes.Where(o => o.Sold).Sum(o => o.p.Quantity), level.Sold);
        Assert.Equal(outcomes.Where(o => o.Outcome == ReserveOutcome.Reserved && !o.Sold && o.p.Fate == 2).Sum(o => o.p.Quantity), level.Reserved);
        if (limit is { } max)
        {
            // Released units no longer count; reserved (live) and sold ones do.
            var held = outcomes.Where(o => o.Outcome == ReserveOutcome.Reserved && o.p.Fate != 1)
                .GroupBy(o => o.p.Customer).Select(g => g.Sum(o => o.p.Quantity));
            Assert.All(held, h => Assert.True(h <= max, $"a customer holds {h} > {max}"));
            Assert.Contains(outcomes, o => o.Outcome == ReserveOutcome.LimitExceeded);
        }

        // Then the lapsed third comes back (TTL 2 s in this cluster).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (level.Reserved > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            level = await stock.GetAsync();
        }

        Assert.Equal(0, level.Reserved);
        ShopData.AssertBalanced(level, units);
    }
}

/// <summary>Whole orders under load, on a cluster where reservations keep the default time to live (minutes).</summary>
public sealed class HotSkuOrderTests(DefaultTtlClusterFixture fixture) : IClassFixture<DefaultTtlClusterFixture>
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Concurrent_orders_for_one_hot_sku_sell_exactly_the_stock_and_leave_nothing_reserved()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 300);

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ =>
            _grains.GetGrain<Ecommerce.Orders.IOrderGrain>(Guid.NewGuid()).PlaceAsync(ShopData.Order(Guid.NewGuid(), sku))));

        Assert.Equal(300, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(Ecommerce.Orders.PlaceOrderOutcome.OutOfStock, r.Outcome));
        var level = await _grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((0, 0, 300), (level.Available, level.Reserved, level.Sold));
    }
}
