using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Api.Catalog;

/// <summary>Not ready until this process's search index holds the whole catalog.</summary>
public sealed class CatalogReadyCheck(CatalogReadModel readModel, CatalogIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readModel.Ready
            ? HealthCheckResult.Healthy($"{index.Count} products indexed.")
            : HealthCheckResult.Unhealthy("The catalog index is loading."));
}
