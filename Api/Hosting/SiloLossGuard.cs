using Microsoft.Extensions.Options;

namespace Ecommerce.Api.Hosting;

/// <summary>
/// Fails fast the grain calls a dead silo will never answer. Orleans' client answers a call only when its reply comes
/// or its response timeout passes; a call that reached a silo just before it died (through it as a gateway, or to a
/// grain on it) would hang to that timeout. The API holds a connection to every silo's gateway, so a silo that dies
/// closes one (at once when its process dies; when its node vanishes, once the silos have declared it dead and the
/// gateway list no longer holds it): from then, every call that was in flight gets <see cref="SiloLossGuardOptions.InFlightGrace"/> to be
/// answered (calls to healthy silos are, in well under a second) and the rest fail with a
/// <see cref="ShopUnavailableException"/>, a 503 the client retries with its Idempotency-Key.
/// </summary>
public sealed partial class SiloLossGuard(IOptions<SiloLossGuardOptions> options, ILogger<SiloLossGuard> logger)
    : IClusterConnectionStatusObserver, IOutgoingGrainCallFilter
{
    private readonly TimeSpan _grace = options.Value.InFlightGrace;

    /// <summary>Completes <see cref="SiloLossGuardOptions.InFlightGrace"/> after the next loss of a gateway.</summary>
    private TaskCompletionSource _nextLoss = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var lapse = Volatile.Read(ref _nextLoss).Task;
        var call = context.Invoke();
        return call.IsCompleted ? call : WithinGraceAsync(call, lapse, context);
    }

    private static async Task WithinGraceAsync(Task call, Task lapse, IOutgoingGrainCallContext context)
    {
        if (await Task.WhenAny(call, lapse) != call)
        {
            // The reply may still come, or a fault: nobody waits for it any more.
            _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new ShopUnavailableException(
                $"A silo went away while {context.InterfaceName}.{context.MethodName} was in flight, and no answer came; retry shortly.");
        }

        await call;
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Lost(currentNumberOfGateways);
        }
    }

    public void NotifyClusterConnectionLost() => Lost(0);

    private void Lost(int gateways)
    {
        var lost = Interlocked.Exchange(ref _nextLoss, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        LogGatewayLost(gateways, _grace.TotalSeconds);
        _ = Task.Delay(_grace).ContinueWith(_ => lost.TrySetResult(), TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "A gateway connection closed ({Gateways} left): calls in flight get {GraceSeconds} s to be answered")]
    private partial void LogGatewayLost(int gateways, double graceSeconds);
}

/// <summary>The <c>Cluster:Client</c> setting of <see cref="SiloLossGuard"/>.</summary>
public sealed class SiloLossGuardOptions
{
    /// <summary>How long calls in flight when a silo's connection closes may still take before they fail with 503.</summary>
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromSeconds(3);
}
