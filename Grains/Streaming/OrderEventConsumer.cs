using Ecommerce.Grains.Telemetry;
using Ecommerce.Orders;
using Orleans.Storage;
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

        try
        {
            await ApplyAsync(item);
        }
        catch
        {
            // Applied in memory but not stored: left so, a redelivery would find it applied and skip it, and it would
            // be lost with this activation. The next activation starts from what storage holds.
            DeactivateOnIdle();
            throw;
        }

        ShopMetrics.EventConsumed(GetType(), duplicate: false);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Applies a new event and persists, with its id added to <see cref="Applied"/>, before returning.</summary>
    protected abstract Task ApplyAsync(OrderEvent evt);

    private const int StoreAttempts = 8;

    /// <summary>
    /// Stores what an event changed, trying again for about nine seconds when storage fails (a database restart takes
    /// a few), so the delivery that applied an event stores it. A version conflict is not retried: the activation is
    /// stale and goes.
    /// </summary>
    protected static async Task StoreAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception e) when (e is not InconsistentStateException && attempt < StoreAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }
}
