using Ecommerce.Grains.Orders;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Storage;

namespace Ecommerce.Grains.Tests;

[Collection(MemoryClusterCollection.Name)]
public sealed class OrderGrainTests(MemoryClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_paid_order_is_confirmed_its_units_sold_and_listed_for_its_buyer()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5, price: 12.5m);
        var (user, orderId) = (Guid.NewGuid(), Guid.NewGuid());

        var result = await _grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(ShopData.Order(user, sku, 2));

        Assert.Equal(PlaceOrderOutcome.Placed, result.Outcome);
        Assert.Equal(OrderStatus.Confirmed, result.Order!.Status);
        Assert.Equal(25m, result.Order.Total);
        Assert.Equal([OrderStatus.Pending, OrderStatus.Reserved, OrderStatus.Paid, OrderStatus.Confirmed],
            result.Order.History.Select(h => h.Status));
        var level = await _grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((3, 0, 2), (level.Available, level.Reserved, level.Sold));
        Assert.Equal([orderId], (await _grains.GetGrain<IUserGrain>(user).ListOrdersAsync(10, null)).OrderIds);
    }

    [Theory]
    [InlineData("tok_decline", PlaceOrderOutcome.PaymentDeclined)]
    [InlineData("tok_fail", PlaceOrderOutcome.PaymentUnavailable)]
    public async Task A_failed_payment_fails_the_order_and_releases_every_unit(string token, PlaceOrderOutcome expected)
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5);
        var other = await ShopData.ProductAsync(_grains, units: 5);
        var command = ShopData.Order(Guid.NewGuid(), sku, 2, token) with
        {
            Lines = [new OrderLineRequest(sku, 2), new OrderLineRequest(other, 1)],
        };

        var result = await _grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(command);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(OrderStatus.Failed, result.Order!.Status);
        foreach (var s in new[] { sku, other })
        {
            var level = await _grains.GetGrain<IStockGrain>(s).GetAsync();
            Assert.Equal((5, 0, 0), (level.Available, level.Reserved, level.Sold));
        }
    }

    [Fact]
    public async Task An_order_that_cannot_be_filled_reserves_nothing()
    {
        var plenty = await ShopData.ProductAsync(_grains, units: 5);
        var scarce = await ShopData.ProductAsync(_grains, units: 1);
        var command = ShopData.Order(Guid.NewGuid(), plenty) with
        {
            Lines = [new OrderLineRequest(plenty, 3), new OrderLineRequest(scarce, 2)],
        };

        var result = await _grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(command);

        Assert.Equal(PlaceOrderOutcome.OutOfStock, result.Outcome);
        Assert.Equal(scarce, result.Sku);
        Assert.Equal(5, (await _grains.GetGrain<IStockGrain>(plenty).GetAsync()).Available);
        Assert.Equal(1, (await _grains.GetGrain<IStockGrain>(scarce).GetAsync()).Available);
    }

    [Fact]
    public async Task The_same_order_placed_ten_times_at_once_is_placed_once()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 10);
        var user = Guid.NewGuid();
        var order = _grains.GetGrain<IOrderGrain>(OrderIds.ForIdempotencyKey(user, "checkout-1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => order.PlaceAsync(ShopData.Order(user, sku, 3))));

        Assert.All(results, r => Assert.Equal(PlaceOrderOutcome.Placed, r.Outcome));
        Assert.Single(results.Select(r => r.Order!.Id).Distinct());
        var level = await _grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((7, 0, 3), (level.Available, level.Reserved, level.Sold));
    }

    [Fact]
    public async Task A_reused_key_with_another_request_is_refused_and_changes_nothing()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 10);
        var user = Guid.NewGuid();
        var order = _grains.GetGrain<IOrderGrain>(OrderIds.ForIdempotencyKey(user, "k"));
        await order.PlaceAsync(ShopData.Order(user, sku, 1));

        var reused = await order.PlaceAsync(ShopData.Order(user, sku, 4));

        Assert.Equal(PlaceOrderOutcome.IdempotencyKeyReused, reused.Outcome);
        Assert.Equal(1, (await _grains.GetGrain<IStockGrain>(sku).GetAsync()).Sold);
    }

    [Fact]
    public async Task A_confirmed_order_can_be_cancelled_once_by_its_buyer_only()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 4);
        var user = Guid.NewGuid();
        var order = _grains.GetGrain<IOrderGrain>(Guid.NewGuid());
        await order.PlaceAsync(ShopData.Order(user, sku, 3));

        var byStranger = await order.CancelAsync(Guid.NewGuid(), "not mine");
        var byBuyer = await order.CancelAsync(user, "changed my mind");
        var again = await order.CancelAsync(user, "again");

        Assert.Equal(CancelOrderOutcome.NotFound, byStranger.Outcome);
        Assert.Equal(CancelOrderOutcome.Cancelled, byBuyer.Outcome);
        Assert.Equal(OrderStatus.Cancelled, byBuyer.Order!.Status);
        Assert.Equal(CancelOrderOutcome.NotCancellable, again.Outcome);
        var level = await _grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((4, 0, 0), (level.Available, level.Reserved, level.Sold));
    }

    [Fact]
    public async Task Unknown_products_and_mixed_currencies_are_refused_before_anything_is_reserved()
    {
        var euros = await ShopData.ProductAsync(_grains, units: 5);
        var dollars = await ShopData.ProductAsync(_grains, units: 5, currency: "USD");
        var user = Guid.NewGuid();

        var unknown = await _grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(ShopData.Order(user, "NO-SUCH-SKU"));
        var mixed = await _grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(ShopData.Order(user, euros) with
        {
            Lines = [new OrderLineRequest(euros, 1), new OrderLineRequest(dollars, 1)],
        });

        Assert.Equal(PlaceOrderOutcome.UnknownProduct, unknown.Outcome);
        Assert.Equal(PlaceOrderOutcome.MixedCurrencies, mixed.Outcome);
        Assert.Equal(5, (await _grains.GetGrain<IStockGrain>(euros).GetAsync()).Available);
    }

    [Fact]
    public async Task A_refusal_under_an_idempotency_key_is_replayed_after_the_order_grain_is_gone_even_once_restocked()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 1);
        var (user, keyed) = (Guid.NewGuid(), Guid.NewGuid());
        var order = _grains.GetGrain<IOrderGrain>(keyed);

        var first = await order.PlaceAsync(ShopData.Order(user, sku, 2));
        Assert.Equal(PlaceOrderOutcome.OutOfStock, first.Outcome);
        await order.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await _grains.GetGrain<IStockGrain>(sku).SetOnHandAsync(5);

        var retried = await order.PlaceAsync(ShopData.Order(user, sku, 2));
        Assert.Equal((PlaceOrderOutcome.OutOfStock, first.Detail), (retried.Outcome, retried.Detail));
        Assert.Null(retried.Order);
        Assert.Null(await order.GetAsync()); // a refusal is no order: 404 to everyone
        Assert.Empty((await _grains.GetGrain<IUserGrain>(user).ListOrdersAsync(10, null)).OrderIds);
        Assert.Equal((5, 0), ((await _grains.GetGrain<IStockGrain>(sku).GetAsync()).Available, (await _grains.GetGrain<IStockGrain>(sku).GetAsync()).Sold));
    }

    [Fact]
    public async Task The_payment_token_is_not_kept_once_the_charge_is_decided()
    {
        var sku = await ShopData.ProductAsync(_grains, units: 5);
        var (confirmed, declined) = (Guid.NewGuid(), Guid.NewGuid());
        await _grains.GetGrain<IOrderGrain>(confirmed).PlaceAsync(ShopData.Order(Guid.NewGuid(), sku, 1, "tok_secret_4242"));
        await _grains.GetGrain<IOrderGrain>(declined).PlaceAsync(ShopData.Order(Guid.NewGuid(), sku, 1, "tok_decline"));

        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage);
        foreach (var (id, status, last4) in new[] { (confirmed, PaymentStatus.Charged, "4242"), (declined, PaymentStatus.Declined, "line") })
        {
            var stored = new GrainState<OrderState>(new OrderState());
            await storage.ReadStateAsync(OrderGrain.StateName, _grains.GetGrain<IOrderGrain>(id).GetGrainId(), stored);
            Assert.Null(stored.State!.Payment);
            Assert.Equal((status, last4), (stored.State.Charge!.Status, stored.State.Charge.TokenLast4));
        }

        Assert.Equal(PaymentStatus.Charged, (await _grains.GetGrain<IOrderGrain>(confirmed).GetPaymentAsync())!.Status);
    }
}
