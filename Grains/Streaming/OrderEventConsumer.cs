using Ecommerce.Grains.Telemetry;
using Ecommerce.Orders;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Ecommerce.Grains.Streaming;

/// <summary>
/// A grain fed by order events through an implicit stream subscription (the stream's key is the grain's key).
/// Delivery is at least once and may reorder: <see cref="ApplyAsync"/> sees each event id once.
/// </summary>
public abstract class OrderEventConsumer : Grain, IStreamSubscriptionObserver, IAsyncObserver<OrderEvent>
{
    protected abstract RecentEventIds Applied { get; }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<OrderEvent>().ResumeAsync(this);

    public async Task OnNextAsync(OrderEvent item, StreamSequenceToken? token = null)
    {
        if (Applied.Contains(item.EventId))
        {
            ShopMetrics.EventConsumed(GetType(), duplicate: true);
            return;
        }

        await ApplyAsync(item);
        ShopMetrics.EventConsumed(GetType(), duplicate: false);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Applies a new event and persists, with its id added to <see cref="Applied"/>, before returning.</summary>
    protected abstract Task ApplyAsync(OrderEvent evt);
}
