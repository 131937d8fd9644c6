using System.Threading.Channels;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Ecommerce.Grains.Streaming;

/// <summary>
/// Relays committed order events from the outbox to the streams: every event to its buyer's stream, confirmations
/// and cancellations also to each product's. The order store hands over what it has just committed (no read back);
/// what a dead silo left unrelayed is claimed from the outbox and relayed here.
///
/// A stream that took an event has not yet delivered it: memory streams lose what a dying silo held in its queues,
/// and a consumer on a dying silo loses what it had applied but not yet written. So events are kept for
/// <see cref="OutboxOptions.Retention"/> after they were relayed, and when a silo dies every silo relays again what
/// it kept, and claims the dead silo's. Consumers apply each event once, so a repeat changes nothing.
/// </summary>
public sealed partial class OrderEventRelay(
    IServiceProvider services,
    IOrderOutbox outbox,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OrderEventRelay> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly OutboxOptions _options = options.Value;
    private readonly Channel<OrderEvent> _queue = Channel.CreateUnbounded<OrderEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Relayed events, oldest first, kept for a replay until <see cref="OutboxOptions.Retention"/> has passed.</summary>
    private readonly Queue<(OrderEvent Event, DateTimeOffset RelayedAt)> _kept = new();
    private readonly Lock _keptGate = new();
    private readonly HashSet<SiloAddress> _dead = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private IStreamProvider? _streams;

    /// <summary>Events just committed with their order: relayed in the background.</summary>
    public void Relay(IReadOnlyList<OrderEvent> events)
    {
        foreach (var evt in events)
        {
            _queue.Writer.TryWrite(evt);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // Streams are ready once the silo is active; on the way down, what is left stays in the outbox for others.
        lifecycle.Subscribe(nameof(OrderEventRelay), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _streams = services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.Streams);
        _running = Task.WhenAll(
            Task.Run(() => PublishLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => ForgetLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => SweepLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => WatchMembershipAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        await Task.WhenAny(_running, Task.Delay(Timeout.Infinite, cancellationToken));
    }

    public void Dispose() => _stopping.Dispose();

    private async Task PublishLoopAsync(CancellationToken stopping)
    {
        var batch = new List<OrderEvent>(_options.PublishBatch);
        while (true)
        {
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(stopping))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            batch.Clear();
            while (batch.Count < _options.PublishBatch && _queue.Reader.TryRead(out var evt))
            {
                batch.Add(evt);
            }

            // Published side by side: events of one order may overtake each other, which consumers allow for.
            var published = await Task.WhenAll(batch.Select(e => PublishAsync(e, stopping)));
            var now = clock.GetUtcNow();
            lock (_keptGate)
            {
                foreach (var evt in published.OfType<OrderEvent>())
                {
                    _kept.Enqueue((evt, now));
                }
            }
        }
    }

    /// <summary>Publishes one event until a stream takes it; null if the silo stops first (the outbox keeps it).</summary>
    private async Task<OrderEvent?> PublishAsync(OrderEvent evt, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _streams!.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByUser, evt.UserId)).OnNextAsync(evt);
                if (evt.Kind != OrderEventKind.Placed)
                {
                    foreach (var sku in evt.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal))
                    {
                        await _streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByProduct, sku)).OnNextAsync(evt);
                    }
                }

                ShopMetrics.EventPublished(evt.Kind);
                return evt;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                if (attempt % 10 == 0)
                {
                    LogPublishFailed(ex, evt.OrderId, attempt + 1);
                }

                try
                {
                    await Task.Delay(_options.RetryDelay, clock, stopping);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    /// <summary>Once a second, removes from the outbox what was relayed longer ago than the retention.</summary>
    private async Task ForgetLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.ForgetInterval, clock);
        while (await Tick(timer, stopping))
        {
            var due = new List<Guid>();
            var horizon = clock.GetUtcNow() - _options.Retention;
            lock (_keptGate)
            {
                while (_kept.TryPeek(out var kept) && kept.RelayedAt <= horizon)
                {
                    due.Add(_kept.Dequeue().Event.EventId);
                }
            }

            if (due.Count > 0)
            {
                try
                {
                    await outbox.RemoveAsync(due);
                }
                catch (Exception ex)
                {
                    // They stay in the outbox: a sweep relays them again later, and consumers ignore the repeat.
                    LogRemoveFailed(ex, due.Count);
                }
            }
        }
    }

    /// <summary>Relays what nobody relayed in time: rows of silos gone without a trace in membership, or stuck.</summary>
    private async Task SweepLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, clock);
        while (await Tick(timer, stopping))
        {
            await ClaimAsync([], stopping);
        }
    }

    /// <summary>When a silo dies, relays again what this silo kept, and takes over what the dead one held.</summary>
    private async Task WatchMembershipAsync(CancellationToken stopping)
    {
        var membership = services.GetRequiredService<IClusterMembershipService>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && _dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress.ToParsableString())
                    .ToList();
                if (newlyDead.Count == 0)
                {
                    continue;
                }

                List<OrderEvent> again;
                lock (_keptGate)
                {
                    again = [.. _kept.Select(k => k.Event)];
                }

                LogReplaying(newlyDead.Count, again.Count);
                Relay(again);
                await ClaimAsync(newlyDead, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ClaimAsync(IReadOnlyCollection<string> deadOwners, CancellationToken stopping)
    {
        try
        {
            IReadOnlyList<OrderEvent> claimed;
            do
            {
                claimed = await outbox.ClaimAsync(deadOwners, _options.StaleAfter, _options.ClaimBatch);
                if (claimed.Count > 0)
                {
                    LogClaimed(claimed.Count);
                    Relay(claimed);
                }
            }
            while (claimed.Count == _options.ClaimBatch && !stopping.IsCancellationRequested);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            LogClaimFailed(ex);
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Order {OrderId}: an event could not be relayed yet (attempt {Attempt})")]
    private partial void LogPublishFailed(Exception error, Guid orderId, int attempt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Count} relayed event(s) could not be removed from the outbox yet")]
    private partial void LogRemoveFailed(Exception error, int count);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "{Silos} silo(s) died: relaying again the {Events} event(s) kept here")]
    private partial void LogReplaying(int silos, int events);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Took over {Count} order event(s) from the outbox")]
    private partial void LogClaimed(int count);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Could not take over order events from the outbox")]
    private partial void LogClaimFailed(Exception error);
}
