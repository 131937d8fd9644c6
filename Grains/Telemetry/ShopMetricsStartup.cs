using Ecommerce.Grains.Payments;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Grains.Telemetry;

/// <summary>
/// Once the host has started (and with it the metrics listeners), writes the zeros of <see cref="ShopMetrics.Initialize"/>
/// and starts following this silo's payment circuit.
/// </summary>
public sealed class ShopMetricsStartup(PaymentCircuit circuit) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        ShopMetrics.Track(circuit);
        ShopMetrics.Initialize();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        ShopMetrics.Untrack(circuit);
        return Task.CompletedTask;
    }
}
