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
        var counted = orders.Sum(o => ledger.Apply(Confirmed(o), Later(), out _));
        Assert.Equal(Recorded, counted);
        Assert.Equal(PurchaseLedger.OrdersRemembered, ledger.Count);

        var newest = orders[^1];
        Assert.Equal(-1, ledger.Apply(Cancelled(newest), Later(), out var cancelRecorded));
        Assert.True(cancelRecorded);
        Assert.Equal(0, ledger.Apply(Confirmed(newest), Later(), out var repeatRecorded));
        Assert.False(repeatRecorded);

        // The oldest two are the ones forgotten: the next-oldest is still remembered.
        Assert.Equal(0, ledger.Apply(Confirmed(orders[2]), Later(), out _));
        Assert.Equal(1, ledger.Apply(Confirmed(orders[0]), Later(), out _));
    }

    [Fact]
    public void A_legacy_ledger_is_taken_over_and_kept_within_the_bound()
    {
        var legacy = Enumerable.Range(0, 10).ToDictionary(_ => Guid.NewGuid(), _ => OrderEventKind.Confirmed);
        var known = legacy.Keys.First();
        var ledger = new PurchaseLedger();
        ledger.Import(legacy, DateTimeOffset.UtcNow);
        Assert.Empty(legacy);
        Assert.Equal(10, ledger.Count);
        Assert.Equal(-1, ledger.Apply(Cancelled(known), DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public void Orders_seen_within_the_replay_horizon_are_remembered_past_the_count_up_to_the_cap()
    {
        var ledger = new PurchaseLedger();
        var now = DateTimeOffset.UtcNow;
        var orders = Enumerable.Range(0, PurchaseLedger.OrdersRemembered * 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var order in orders)
        {
            ledger.Apply(Confirmed(order), now, out _);
        }

        // A replay of the whole burst, seconds later, counts nothing again: a hot product sells thousands a second.
        Assert.Equal(orders.Count, ledger.Count);
        Assert.Equal(0, orders.Sum(o => ledger.Apply(Confirmed(o), now.AddSeconds(30), out _)));

        // Once the burst is older than the horizon, the count bound applies again.
        ledger.Apply(Confirmed(Guid.NewGuid()), now + PurchaseLedger.Horizon + TimeSpan.FromSeconds(1), out _);
        Assert.Equal(PurchaseLedger.OrdersRemembered, ledger.Count);
    }

    private DateTimeOffset _clock = DateTimeOffset.UnixEpoch;

    /// <summary>An hour after the last call: each order is seen long after the previous, past the replay horizon.</summary>
    private DateTimeOffset Later() => _clock = _clock.AddHours(1);

    internal static OrderEvent Confirmed(Guid orderId, Guid? user = null, params string[] skus) => Event(OrderEventKind.Confirmed, orderId, user, skus);

    internal static OrderEvent Cancelled(Guid orderId, Guid? user = null, params string[] skus) => Event(OrderEventKind.Cancelled, orderId, user, skus);

    private static OrderEvent Event(OrderEventKind kind, Guid orderId, Guid? user, string[] skus) =>
        new(Guid.NewGuid(), kind, orderId, user ?? Guid.NewGuid(), [.. skus.Select(s => new OrderLine(s, 1, 10m))], skus.Length * 10m,
            "EUR", DateTimeOffset.UtcNow, null);
}
