namespace Ecommerce.Orders;

[GenerateSerializer, Alias("ecommerce.orders.OrderEventKind")]
public enum OrderEventKind
{
    /// <summary>The order holds its units and is about to be paid.</summary>
    Placed = 0,

    /// <summary>Paid and its units sold.</summary>
    Confirmed = 1,

    /// <summary>Cancelled, or failed after it was placed: its units and payment were given back.</summary>
    Cancelled = 2,
}

/// <summary>
/// OrderPlaced, OrderConfirmed and OrderCancelled: written into the order's state with the change that causes it
/// (an outbox), then published until the stream provider takes it. Delivery is at least once and may reorder:
/// consumers apply each event once, by <see cref="EventId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderEvent")]
public sealed record OrderEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] OrderEventKind Kind,
    [property: Id(2)] Guid OrderId,
    [property: Id(3)] Guid UserId,
    [property: Id(4)] IReadOnlyList<OrderLine> Lines,
    [property: Id(5)] decimal Total,
    [property: Id(6)] string Currency,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] string? Reason);

/// <summary>The streams order events travel on.</summary>
public static class OrderStreams
{
    /// <summary>Every event of a user's orders, keyed by the user id (notifications, the user's recommendations).</summary>
    public const string ByUser = "orders.by-user";

    /// <summary>Confirmations and cancellations touching a product, keyed by its SKU (bought together, trending).</summary>
    public const string ByProduct = "orders.by-product";
}
