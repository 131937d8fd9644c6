using Ecommerce.Grains.Recommendations;
using Ecommerce.Orders;

namespace Ecommerce.Grains.Tests;

public sealed class PurchaseLedgerTests
{
    // One past the bound evicts the first order; the next one then lands in the slot a dictionary freed, which is where
    // an eviction by "first key" would look: so two past the bound is where forgetting the oldest is put to the test.
    private const int Recorded = PurchaseLedger.OrdersRemembered + 2;

    [Fact]
    public void Past_its_bound_the_ledger_forgets_the_oldest_order_and_keeps_the_newest()
    {
        var ledger = new PurchaseLedger();
        var orders = Enumerable.Range(0, Recorded).Select(_ => Guid.NewGuid()).ToList();
        var counted = orders.Sum(o => ledger.Apply(Confirmed(o), out _));
        Assert.Equal(Recorded, counted);
        Assert.Equal(PurchaseLedger.OrdersRemembered, ledger.Count);

        var newest = orders[^1];
        Assert.Equal(-1, ledger.Apply(Cancelled(newest), out var cancelRecorded));
        Assert.True(cancelRecorded);
        Assert.Equal(0, ledger.Apply(Confirmed(newest), out var repeatRecorded));
        Assert.False(repeatRecorded);

        // The oldest two are the ones forgotten: the next-oldest is still remembered.
        Assert.Equal(0, ledger.Apply(Confirmed(orders[2]), out _));
        Assert.Equal(1, ledger.Apply(Confirmed(orders[0]), out _));
    }

    [Fact]
    public void A_legacy_ledger_is_taken_over_and_kept_within_the_bound()
    {
        var legacy = Enumerable.Range(0, 10).ToDictionary(_ => Guid.NewGuid(), _ => OrderEventKind.Confirmed);
        var known = legacy.Keys.First();
        var ledger = new PurchaseLedger();
        ledger.Import(legacy);
        Assert.Empty(legacy);
        Assert.Equal(10, ledger.Count);
        Assert.Equal(-1, ledger.Apply(Cancelled(known), out _));
    }

    internal static OrderEvent Confirmed(Guid orderId, Guid? user = null, params string[] skus) => Event(OrderEventKind.Confirmed, orderId, user, skus);

    internal static OrderEvent Cancelled(Guid orderId, Guid? user = null, params string[] skus) => Event(OrderEventKind.Cancelled, orderId, user, skus);

    private static OrderEvent Event(OrderEventKind kind, Guid orderId, Guid? user, string[] skus) =>
        new(Guid.NewGuid(), kind, orderId, user ?? Guid.NewGuid(), [.. skus.Select(s => new OrderLine(s, 1, 10m))], skus.Length * 10m,
            "EUR", DateTimeOffset.UtcNow, null);
}
