using Ecommerce.Inventory;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Payments;

namespace Ecommerce.Cluster.Tests;

/// <summary>The order saga when a silo dies in the middle of it (DESIGN.md, order flow).</summary>
public sealed class OrderSagaFaultTests
{
    [Fact]
    public async Task Orders_cut_between_reservation_payment_and_confirmation_end_confirmed_or_cancelled_and_consistent()
    {
        await using var cluster = await PostgresCluster.CreateAsync("saga");
        await cluster.StartTwoSilosWithSlowPaymentsAsync(paymentLatency: TimeSpan.FromSeconds(3), acknowledgementTimeout: TimeSpan.FromSeconds(2));
        var grains = cluster.Client;
        const int Units = 50;
        var sku = await ShopData.ProductAsync(grains, Units);
        var orders = Enumerable.Range(0, 12).Select(_ => (User: Guid.NewGuid(), Id: Guid.NewGuid())).ToList();

        // Every order reserves, then waits three seconds on the processor: the silo dies in that window. Orders whose
        // payment grain lives on the other silo get paid but not confirmed; the others lose their payment in flight.
        var placing = orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id).PlaceAsync(ShopData.Order(o.User, sku))).ToList();
        await ShopData.UntilReservedAsync(grains, sku, orders.Count);
        await cluster.KillSiloHoldingMostAsync(orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id)));
        try
        {
            await Task.WhenAll(placing);
        }
        catch (Exception)
        {
            // The orders on the dead silo never answer their callers: what follows settles them.
        }

        var confirmedUnits = 0;
        foreach (var (user, id) in orders)
        {
            var order = await Eventually.SucceedsAsync(async () =>
            {
                var o = await grains.GetGrain<IOrderGrain>(id).GetAsync();
                Assert.True(o?.Status is OrderStatus.Confirmed or OrderStatus.Failed or OrderStatus.Cancelled, $"order {id} is {o?.Status}");
                return o!;
            }, TimeSpan.FromSeconds(60));
            var payment = await grains.GetGrain<IOrderGrain>(id).GetPaymentAsync();
            if (order.Status == OrderStatus.Confirmed)
            {
                Assert.Equal((PaymentStatus.Charged, 1), (payment!.Status, payment.Charges));
                confirmedUnits += order.Items.Sum(i => i.Quantity);
            }
            else
            {
                Assert.NotEqual(PaymentStatus.Charged, payment?.Status);
            }

            // Its outcome reached its buyer's inbox, the consumer of its events.
            var expected = order.Status == OrderStatus.Confirmed ? NotificationKind.OrderConfirmed : NotificationKind.OrderCancelled;
            await Eventually.SucceedsAsync(async () =>
            {
                var inbox = await grains.GetGrain<INotificationGrain>(user).GetAsync();
                Assert.Single(inbox, n => n.OrderId == id && n.Kind == expected);
                return true;
            }, TimeSpan.FromSeconds(30));
        }

        var level = await Eventually.SucceedsAsync(async () =>
        {
            var l = await grains.GetGrain<IStockGrain>(sku).GetAsync();
            Assert.Equal(0, l.Reserved);
            return l;
        });
        Assert.Equal(confirmedUnits, level.Sold);
        Assert.Equal(Units, level.Available + level.Sold);
        Assert.True(confirmedUnits > 0, "no order was confirmed at all");
    }
}
