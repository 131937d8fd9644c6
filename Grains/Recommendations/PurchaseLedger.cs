using Ecommerce.Orders;

namespace Ecommerce.Grains.Recommendations;

/// <summary>
/// What a purchase-counting consumer has seen of each recent order, so that counts move once per order whatever
/// the stream repeats or reorders: a confirmation counts +1, its cancellation -1, and a confirmation arriving after
/// its cancellation, or any repeat, counts nothing.
/// </summary>
public static class PurchaseLedger
{
    public const int OrdersRemembered = 5_000;

    /// <summary>
    /// Records the event in <paramref name="seen"/> (<paramref name="recorded"/>: whether that changed it) and returns
    /// how it moves the counts: +1, -1 or 0.
    /// </summary>
    public static int Apply(Dictionary<Guid, OrderEventKind> seen, OrderEvent evt, out bool recorded)
    {
        recorded = false;
        if (evt.Kind == OrderEventKind.Placed)
        {
            return 0;
        }

        var before = seen.GetValueOrDefault(evt.OrderId, OrderEventKind.Placed);
        var delta = (before, evt.Kind) switch
        {
            (OrderEventKind.Placed, OrderEventKind.Confirmed) => 1,
            (OrderEventKind.Confirmed, OrderEventKind.Cancelled) => -1,
            _ => 0,
        };
        if (delta != 0 || before == OrderEventKind.Placed)
        {
            recorded = true;
            seen[evt.OrderId] = evt.Kind;
            if (seen.Count > OrdersRemembered)
            {
                seen.Remove(seen.Keys.First());
            }
        }

        return delta;
    }
}
