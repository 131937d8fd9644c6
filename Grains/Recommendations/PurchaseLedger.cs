using Ecommerce.Orders;

namespace Ecommerce.Grains.Recommendations;

/// <summary>
/// What a purchase-counting consumer has seen of each recent order, so that counts move once per order whatever
/// the stream repeats or reorders: a confirmation counts +1, its cancellation -1, and a confirmation arriving after
/// its cancellation, or any repeat, counts nothing. Bounded: past <see cref="OrdersRemembered"/> the order seen first
/// is forgotten (a dictionary alone cannot say which that is: it reuses freed slots for new keys), but never one seen
/// within <see cref="Horizon"/>, the window in which the outbox may relay events again after a silo dies, unless the
/// ledger reaches <see cref="MostRemembered"/>: a hot product's sale may see thousands of orders a second.
/// </summary>
[GenerateSerializer, Alias("ecommerce.grains.PurchaseLedger")]
public sealed class PurchaseLedger
{
    public const int OrdersRemembered = 5_000;
    public const int MostRemembered = 200_000;
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(3);

    /// <summary>The last kind recorded per order.</summary>
    [Id(0)] public Dictionary<Guid, OrderEventKind> Last { get; set; } = [];

    /// <summary>The orders of <see cref="Last"/>, first seen first.</summary>
    [Id(1)] public Queue<Guid> Arrivals { get; set; } = new();

    /// <summary>When each of <see cref="Arrivals"/> was first seen, in the same order (Unix milliseconds).</summary>
    [Id(2)] public Queue<long> ArrivedAt { get; set; } = new();

    public int Count => Last.Count;

    /// <summary>
    /// Records the event (<paramref name="recorded"/>: whether that changed the ledger) and returns how it moves the
    /// counts: +1, -1 or 0.
    /// </summary>
    public int Apply(OrderEvent evt, DateTimeOffset now, out bool recorded)
    {
        recorded = false;
        if (evt.Kind == OrderEventKind.Placed)
        {
            return 0;
        }

        var known = Last.TryGetValue(evt.OrderId, out var before);
        var delta = (known ? before : OrderEventKind.Placed, evt.Kind) switch
        {
            (OrderEventKind.Placed, OrderEventKind.Confirmed) => 1,
            (OrderEventKind.Confirmed, OrderEventKind.Cancelled) => -1,
            _ => 0,
        };
        if (delta == 0 && known)
        {
            return 0;
        }

        recorded = true;
        Last[evt.OrderId] = evt.Kind;
        if (!known)
        {
            Arrivals.Enqueue(evt.OrderId);
            ArrivedAt.Enqueue(now.ToUnixTimeMilliseconds());
            Trim(now);
        }

        return delta;
    }

    private void Trim(DateTimeOffset now)
    {
        var recent = (now - Horizon).ToUnixTimeMilliseconds();
        while (Arrivals.Count > MostRemembered
            || (Arrivals.Count > OrdersRemembered && (!ArrivedAt.TryPeek(out var first) || first < recent)))
        {
            Last.Remove(Arrivals.Dequeue());
            ArrivedAt.TryDequeue(out _);
        }
    }

    /// <summary>Takes over a ledger stored before arrivals were kept (their order is lost: they go first, as found).</summary>
    public void Import(Dictionary<Guid, OrderEventKind> legacy, DateTimeOffset now)
    {
        // Stored before arrival times were kept: they count as seen long ago.
        while (ArrivedAt.Count < Arrivals.Count)
        {
            ArrivedAt.Enqueue(0);
        }

        foreach (var (orderId, kind) in legacy)
        {
            if (Last.TryAdd(orderId, kind))
            {
                Arrivals.Enqueue(orderId);
                ArrivedAt.Enqueue(0);
            }
        }

        legacy.Clear();
        Trim(now);
    }
}
