using System.Globalization;
using Npgsql;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>Clears one grain's state: the row stays, its payload NULL and its version one higher.</summary>
public sealed class StateClear<T>(StorageKey key, IGrainState<T> state, int expected, Func<T> create, string provider)
    : StorageOperation(key, bytes: 0)
{
    private int _cleared;

    public override NpgsqlBatchCommand Build(string serviceId)
    {
        var command = StateStatements.Keyed(StateStatements.Clear, key, serviceId);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expected });
        return command;
    }

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken))
        {
            _cleared = reader.GetInt32(0);
            return null;
        }

        return new InconsistentStateException(
            $"Version conflict (ClearState): ProviderName={provider} GrainType={key.GrainTypeString} ETag={expected}.",
            storedEtag: null, currentEtag: state.ETag);
    }

    protected override void OnCommitted()
    {
        state.ETag = _cleared.ToString(CultureInfo.InvariantCulture);
        state.RecordExists = false;
        state.State = create();
    }
}
