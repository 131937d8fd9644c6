using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Ecommerce.Api.Hosting;

/// <summary>Ready while the cluster answers: at least one active silo reports through the management grain.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await cluster.Grain<IManagementGrain>(0).GetHosts(true, cancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", ex);
        }
    }
}
