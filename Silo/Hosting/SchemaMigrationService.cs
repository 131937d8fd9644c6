namespace Ecommerce.Silo.Hosting;

/// <summary>Applies the PostgreSQL schema when the silo starts, so a fresh empty database just works.</summary>
public sealed class SchemaMigrationService(string connectionString, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(connectionString, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
