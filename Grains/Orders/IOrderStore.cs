using Ecommerce.Orders;

namespace Ecommerce.Grains.Orders;

/// <summary>
/// Where orders are kept. An order's write carries, in the same transaction, the events its change caused (the
/// outbox, relayed to the streams once committed) and, on the write that places it, its line in the buyer's list:
/// so an order that was answered is never missing from its buyer's list, and its events are never lost with a silo.
/// Orders are read back through the shop's grain storage, which keeps the same rows.
/// </summary>
public interface IOrderStore
{
    /// <param name="listed">Adds the order to its buyer's list (its first durable write).</param>
    Task WriteAsync(GrainId orderId, IGrainState<OrderState> order, IReadOnlyList<OrderEvent> events, bool listed);

    /// <summary>A page of the buyer's orders, newest first, after <paramref name="after"/>.</summary>
    Task<OrderPage> ListAsync(Guid userId, int limit, OrderCursor? after);

    /// <summary>Lists orders placed before the list existed (they were kept in the user's own state).</summary>
    Task ListExistingAsync(Guid userId, IReadOnlyList<OrderCursor> orders);
}
