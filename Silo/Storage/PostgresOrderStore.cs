using Ecommerce.Grains.Orders;
using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// Orders on PostgreSQL through the silo's group-commit rounds: the order's row, its new events (outbox rows owned by
/// this silo) and its line in the buyer's list in one statement; the events go to the relay once that round commits.
/// </summary>
public sealed class PostgresOrderStore(
    GroupCommitStorage storage, IGrainStorageSerializer serializer, OrderEventRelay relay, ILocalSiloDetails silo) : IOrderStore
{
    private readonly string _owner = silo.SiloAddress.ToParsableString();

    public async Task WriteAsync(GrainId orderId, IGrainState<OrderState> order, IReadOnlyList<OrderEvent> events, bool listed)
    {
        var state = order.State!;
        var write = new OrderWrite(
            StorageKey.For(OrderGrain.StateName, orderId), order, serializer.Serialize(state).ToArray(), ProviderNames.Storage, _owner,
            [.. events.Select(e => (e.EventId, serializer.Serialize(e).ToArray()))],
            listed ? (state.UserId, state.CreatedAt, orderId.GetGuidKey()) : null);
        await storage.Writes.Enqueue(write);
        relay.Relay(events);
    }

    public async Task<OrderPage> ListAsync(Guid userId, int limit, OrderCursor? after)
    {
        var read = new OrderListRead(userId, limit, after);
        await storage.Reads.Enqueue(read);
        return read.Result;
    }

    public Task ListExistingAsync(Guid userId, IReadOnlyList<OrderCursor> orders) =>
        orders.Count == 0 ? Task.CompletedTask : storage.Writes.Enqueue(new OrderListAdd(userId, orders));
}
