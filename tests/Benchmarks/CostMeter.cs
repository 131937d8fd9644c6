using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;

namespace Ecommerce.Benchmarks;

/// <summary>
/// What a measured stretch of work cost inside this process, per operation: CPU, allocations, grain calls,
/// activations, trace activities and PostgreSQL round trips (Npgsql commands) and transactions. Figures that move
/// far less between runs than throughput does on a shared machine.
/// </summary>
public sealed class CostMeter : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private long _grainCalls;
    private long _activations;
    private long _sqlCommands;
    private long _activitiesStarted;

    private CostMeter()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name is "orleans-app-requests-latency" or "orleans-catalog-activation-created"
                || instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => Count(instrument));
        _meters.SetMeasurementEventCallback<long>((instrument, _, _, _) => Count(instrument));
        _meters.SetMeasurementEventCallback<int>((instrument, _, _, _) => Count(instrument));
        _meters.Start();

        // Counts the activities other listeners asked for; asks for none itself (None never outvotes a listener).
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = _ => Interlocked.Increment(ref _activitiesStarted),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public static CostMeter Start() => new();

    private void Count(Instrument instrument)
    {
        switch (instrument.Name)
        {
            case "orleans-app-requests-latency": Interlocked.Increment(ref _grainCalls); break;
            case "orleans-catalog-activation-created": Interlocked.Increment(ref _activations); break;
            default: Interlocked.Increment(ref _sqlCommands); break;
        }
    }

    public Snapshot Take(long? databaseTransactions) => new(
        Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2),
        Interlocked.Read(ref _grainCalls), Interlocked.Read(ref _activations), Interlocked.Read(ref _activitiesStarted),
        Interlocked.Read(ref _sqlCommands), databaseTransactions);

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    /// <summary>Committed transactions of the current database, from <c>pg_stat_database</c> (they include this query's own).</summary>
    public static async Task<long> DatabaseTransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    public sealed record Snapshot(
        TimeSpan Cpu, long Allocated, int Collections, long GrainCalls, long Activations, long Activities, long SqlCommands, long? Transactions)
    {
        /// <summary>Per operation, from this snapshot to <paramref name="after"/>.</summary>
        public string PerOperation(Snapshot after, long operations)
        {
            double Per(double total) => operations == 0 ? 0 : total / operations;
            var transactions = after.Transactions is { } t && Transactions is { } t0 ? FormattableString.Invariant($" {Per(t - t0):F2}") : " -";
            return FormattableString.Invariant(
                $"{Per((after.Cpu - Cpu).TotalMilliseconds):F3} {Per(after.Allocated - Allocated) / 1024:F1} {Per(after.GrainCalls - GrainCalls):F2} {Per(after.Activations - Activations):F2} {Per(after.Activities - Activities):F2} {Per(after.SqlCommands - SqlCommands):F2}{transactions} {after.Collections - Collections}");
        }
    }

    /// <summary>The columns of <see cref="Snapshot.PerOperation"/>.</summary>
    public const string Columns = "cpu_ms alloc_kb grain_calls activations activities sql_round_trips db_transactions gcs";
}
