using System.Diagnostics;
using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// One statement of a round: it adds itself to the round's batch, reads its own result set back, and answers its
/// caller once the round's transaction has committed. Every statement returns exactly one result set, so a round reads
/// them back in the order it sent them.
/// </summary>
public abstract class StorageOperation
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _refusal;

    protected StorageOperation(StorageKey? key, int bytes) =>
        (Key, Bytes, Caller) = (key, bytes, Activity.Current is { Recorded: true } caller ? caller.Context : null);

    /// <summary>The trace of the caller, when it is recorded: the round that carries this statement links to it.</summary>
    public ActivityContext? Caller { get; }

    /// <summary>The row it writes, if any: a round holds one operation per row, and rounds lock rows in key order.</summary>
    public StorageKey? Key { get; }

    /// <summary>What it sends, for the cap on a round's size.</summary>
    public int Bytes { get; }

    public Task Completion => _done.Task;

    /// <summary>Builds the statement; called when the round is formed, so it sees what earlier rounds left (an ETag).</summary>
    public abstract NpgsqlBatchCommand Build(string serviceId);

    /// <summary>
    /// Reads this statement's result set (the reader stands on it) before the transaction commits. Returns what to
    /// tell the caller if the statement changed nothing it should have (a version conflict); null when it succeeded.
    /// </summary>
    protected abstract Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

    /// <summary>Called once the round has committed: what the statement read becomes the caller's answer.</summary>
    protected virtual void OnCommitted()
    {
    }

    internal async Task ReadResultAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        _refusal = await ReadAsync(reader, cancellationToken);

    internal void Commit()
    {
        if (_refusal is { } refusal)
        {
            _done.TrySetException(refusal);
            return;
        }

        OnCommitted();
        _done.TrySetResult();
    }

    internal void Fail(Exception error) => _done.TrySetException(error);
}
