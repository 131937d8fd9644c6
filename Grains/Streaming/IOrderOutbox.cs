using Ecommerce.Orders;

namespace Ecommerce.Grains.Streaming;

/// <summary>
/// The durable side of the order events' outbox: rows written with each order's state (see <c>IOrderStore</c>),
/// removed once relayed, and taken over from silos that died before relaying theirs.
/// </summary>
public interface IOrderOutbox
{
    /// <summary>Forgets events relayed long enough ago that no replay can need them.</summary>
    Task RemoveAsync(IReadOnlyCollection<Guid> eventIds);

    /// <summary>
    /// Takes over, for this silo, the events still held for <paramref name="deadOwners"/> and any not removed within
    /// <paramref name="staleAfter"/> of their last claim (their owner is gone or stuck), oldest first.
    /// </summary>
    Task<IReadOnlyList<OrderEvent>> ClaimAsync(IReadOnlyCollection<string> deadOwners, TimeSpan staleAfter, int limit);
}
