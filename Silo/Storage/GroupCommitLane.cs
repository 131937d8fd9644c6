using System.Diagnostics;
using Ecommerce.Grains.Telemetry;
using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// Group commit for a silo: operations queue here and go to PostgreSQL in rounds, each round one batch in one round
/// trip and one transaction. While a round is in flight the next one fills, so under load many grains' writes share
/// one commit; idle, an operation goes at once. A round holds at most one operation per row (a grain's later write
/// waits for the next round, and sees the ETag the earlier one left), is capped in rows and bytes, and sorts its rows
/// by key so that rounds of two silos lock rows in the same order.
/// </summary>
public sealed partial class GroupCommitLane(
    string name, NpgsqlDataSource database, string serviceId, GroupCommitLimits limits, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<StorageOperation> _pending = new();

    /// <summary>Rows of the rounds in flight: their next operations wait.</summary>
    private readonly HashSet<StorageKey> _inFlight = [];
    private readonly List<Task> _rounds = [];
    private bool _closed;
    private long _committedRounds;
    private long _committedRows;

    public string Name => name;

    /// <summary>Rounds that committed, and the statements they carried (what the metrics report, for tests and benchmarks).</summary>
    public (long Rounds, long Rows) Committed => (Interlocked.Read(ref _committedRounds), Interlocked.Read(ref _committedRows));

    public Task Enqueue(StorageOperation operation)
    {
        lock (_gate)
        {
            if (_closed)
            {
                operation.Fail(new InvalidOperationException($"The {name} storage lane is closed: the silo is stopping."));
                return operation.Completion;
            }

            _pending.AddLast(operation);
            StartRounds();
        }

        return operation.Completion;
    }

    /// <summary>Stops taking operations and waits for those already queued to finish.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                _closed = true;
                if (_rounds.Count == 0 && _pending.Count == 0)
                {
                    return;
                }

                running = [.. _rounds];
            }

            await Task.WhenAny(Task.WhenAll(running), Task.Delay(Timeout.Infinite, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void StartRounds()
    {
        while (_rounds.Count < limits.ConcurrentRounds && _pending.Count > 0)
        {
            var round = TakeRound();
            if (round.Count == 0)
            {
                return; // everything waiting is behind a row in flight
            }

            Task run = null!;
            run = Task.Run(async () =>
            {
                await RunAsync(round);
                lock (_gate)
                {
                    foreach (var operation in round)
                    {
                        if (operation.Key is { } key)
                        {
                            _inFlight.Remove(key);
                        }
                    }

                    _rounds.Remove(run);
                    StartRounds();
                }
            });
            _rounds.Add(run);
        }
    }

    /// <summary>Takes the next round from the queue in arrival order, skipping rows already in flight or taken.</summary>
    private List<StorageOperation> TakeRound()
    {
        var round = new List<StorageOperation>(Math.Min(_pending.Count, limits.MaxRows));
        var bytes = 0L;
        for (var node = _pending.First; node is not null && round.Count < limits.MaxRows;)
        {
            var next = node.Next;
            var operation = node.Value;
            if (operation.Key is { } key && !_inFlight.Add(key))
            {
                node = next;
                continue;
            }

            if (round.Count > 0 && bytes + operation.Bytes > limits.MaxBytes)
            {
                if (operation.Key is { } taken)
                {
                    _inFlight.Remove(taken);
                }

                break;
            }

            bytes += operation.Bytes;
            round.Add(operation);
            _pending.Remove(node);
            node = next;
        }

        return round;
    }

    private async Task RunAsync(List<StorageOperation> round)
    {
        // Reads (no key) first; rows in one order on every silo.
        round.Sort(static (a, b) => (a.Key, b.Key) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            ({ } x, { } y) => StorageKey.LockOrder.Compare(x, y),
        });
        var started = Stopwatch.GetTimestamp();
        using var activity = TraceRound(round);
        try
        {
            await ExecuteAsync(round);
            StorageMetrics.Round(name, round.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (PostgresException error) when (round.Count > 1)
        {
            // One statement failed and took the round's transaction with it. Each operation gets its own answer:
            // alone, the one at fault fails, and the others commit as they would have.
            LogRoundRetried(error, name, round.Count);
            foreach (var operation in round)
            {
                try
                {
                    await ExecuteAsync([operation]);
                }
                catch (Exception single)
                {
                    operation.Fail(single);
                }
            }
        }
        catch (Exception error)
        {
            LogRoundFailed(error, name, round.Count);
            foreach (var operation in round)
            {
                operation.Fail(error);
            }
        }
    }

    /// <summary>
    /// A round serves many callers: it joins the trace of the first recorded one and links the others, so that a
    /// traced request shows the SQL that made its write durable. Nothing is started when no caller is recorded.
    /// </summary>
    private Activity? TraceRound(List<StorageOperation> round)
    {
        var callers = round.Where(o => o.Caller is not null).Select(o => o.Caller!.Value).ToList();
        return callers.Count == 0 ? null : ShopMetrics.Activities.StartActivity(ActivityKind.Internal, callers[0],
            links: [.. callers.Skip(1).Select(c => new ActivityLink(c))], name: $"storage {name} round");
    }

    /// <summary>One batch, one round trip, one (implicit) transaction; callers are answered after it commits.</summary>
    private async Task ExecuteAsync(List<StorageOperation> round)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var operation in round)
        {
            batch.BatchCommands.Add(operation.Build(serviceId));
        }

        await using (var reader = await batch.ExecuteReaderAsync())
        {
            foreach (var operation in round)
            {
                await operation.ReadResultAsync(reader, CancellationToken.None);
                await reader.NextResultAsync();
            }
        }

        // The reader has been read to its end: the batch's transaction has committed.
        Interlocked.Increment(ref _committedRounds);
        Interlocked.Add(ref _committedRows, round.Count);
        foreach (var operation in round)
        {
            operation.Commit();
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "A {Lane} storage round of {Rows} rows failed a statement; its rows are retried one by one")]
    private partial void LogRoundRetried(Exception error, string lane, int rows);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "A {Lane} storage round of {Rows} rows failed")]
    private partial void LogRoundFailed(Exception error, string lane, int rows);
}

/// <summary>How large and how many rounds a lane forms.</summary>
public sealed record GroupCommitLimits(int MaxRows, long MaxBytes, int ConcurrentRounds);
