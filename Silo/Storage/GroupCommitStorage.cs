using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// A silo's connection to its PostgreSQL state, in two group-commit lanes: writes (each round one transaction) and
/// reads. Grain storage (<see cref="GroupCommitGrainStorage"/>) and the order store share it, so an order's rows ride
/// in the same rounds as every other grain's.
/// </summary>
public sealed class GroupCommitStorage : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;

    public GroupCommitStorage(string connectionString, string serviceId, GroupCommitOptions options, ILoggerFactory loggers)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        var logger = loggers.CreateLogger<GroupCommitStorage>();
        Writes = new GroupCommitLane("write", _database, serviceId, new GroupCommitLimits(options.MaxRows, options.MaxBytes, options.ConcurrentRounds), logger);
        Reads = new GroupCommitLane("read", _database, serviceId, new GroupCommitLimits(options.MaxReads, long.MaxValue, options.ConcurrentReads), logger);
        ServiceId = serviceId;
        StorageMetrics.Start();
    }

    public string ServiceId { get; }

    public GroupCommitLane Writes { get; }

    public GroupCommitLane Reads { get; }

    /// <summary>For statements outside the rounds (the outbox's claims of another silo's rows).</summary>
    public NpgsqlDataSource Database => _database;

    public void Participate(ISiloLifecycle lifecycle) =>
        // Closed after the grains have deactivated (their last writes go through), before the silo's runtime stops.
        lifecycle.Subscribe(nameof(GroupCommitStorage), ServiceLifecycleStage.RuntimeGrainServices, _ => Task.CompletedTask, CloseAsync);

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await Writes.CloseAsync(cancellationToken);
        await Reads.CloseAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
