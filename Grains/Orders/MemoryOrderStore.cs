using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ecommerce.Grains.Orders;

/// <summary>
/// Orders in the shop's grain storage when that is memory (the embedded default). Nothing here outlives the silos,
/// so there is no transaction to share: the order is written, then its buyer's list, then its events are relayed.
/// </summary>
public sealed class MemoryOrderStore(
    [FromKeyedServices(ProviderNames.Storage)] IGrainStorage storage, OrderEventRelay relay) : IOrderStore
{
    private const string ListState = "order-list";
    private const int ListAttempts = 20;

    public async Task WriteAsync(GrainId orderId, IGrainState<OrderState> order, IReadOnlyList<OrderEvent> events, bool listed)
    {
        await storage.WriteStateAsync(OrderGrain.StateName, orderId, order);
        if (listed)
        {
            var state = order.State!;
            await ListExistingAsync(state.UserId, [new OrderCursor(state.CreatedAt, orderId.GetGuidKey())]);
        }

        relay.Relay(events);
    }

    public async Task<OrderPage> ListAsync(Guid userId, int limit, OrderCursor? after)
    {
        var list = new GrainState<MemoryOrderList>(new MemoryOrderList());
        await storage.ReadStateAsync(ListState, ListOf(userId), list);
        var newestFirst = list.State!.Orders
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId)
            .Where(o => after is null || o.CreatedAt < after.CreatedAt || (o.CreatedAt == after.CreatedAt && o.OrderId.CompareTo(after.OrderId) < 0))
            .Take(limit + 1)
            .ToList();
        var next = newestFirst.Count > limit ? newestFirst[limit - 1] : null;
        return new OrderPage([.. newestFirst.Take(limit).Select(o => o.OrderId)], next);
    }

    public async Task ListExistingAsync(Guid userId, IReadOnlyList<OrderCursor> orders)
    {
        // A buyer's orders may be written side by side: the list is read, added to and written under its version.
        for (var attempt = 1; ; attempt++)
        {
            var list = new GrainState<MemoryOrderList>(new MemoryOrderList());
            await storage.ReadStateAsync(ListState, ListOf(userId), list);
            var known = list.State!.Orders.Select(o => o.OrderId).ToHashSet();
            list.State.Orders.AddRange(orders.Where(o => !known.Contains(o.OrderId)));
            try
            {
                await storage.WriteStateAsync(ListState, ListOf(userId), list);
                return;
            }
            catch (InconsistentStateException) when (attempt < ListAttempts)
            {
            }
        }
    }

    private static GrainId ListOf(Guid userId) => GrainId.Create(ListState, userId.ToString("N"));
}

/// <summary>A buyer's orders, as the memory store keeps them.</summary>
[GenerateSerializer, Alias("ecommerce.grains.MemoryOrderList")]
public sealed class MemoryOrderList
{
    [Id(0)] public List<OrderCursor> Orders { get; set; } = [];
}
