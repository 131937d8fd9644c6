using Ecommerce.Orders;

namespace Ecommerce.Grains.Streaming;

/// <summary>The outbox where state is in memory: nothing outlives its silo, so there is nothing to remove or take over.</summary>
public sealed class MemoryOrderOutbox : IOrderOutbox
{
    public Task RemoveAsync(IReadOnlyCollection<Guid> eventIds) => Task.CompletedTask;

    public Task<IReadOnlyList<OrderEvent>> ClaimAsync(IReadOnlyCollection<string> deadOwners, TimeSpan staleAfter, int limit) =>
        Task.FromResult<IReadOnlyList<OrderEvent>>([]);
}
