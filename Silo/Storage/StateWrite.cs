using System.Globalization;
using Npgsql;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// Writes one grain's state, serialized when the grain asked (on its own turn). The ETag is read when the round is
/// formed, so a grain's second write queued behind its first carries the version the first one left.
/// </summary>
public class StateWrite<T>(StorageKey key, IGrainState<T> state, byte[] payload, string provider)
    : StorageOperation(key, payload.Length)
{
    private int? _expected;
    private int _written;

    protected StorageKey RowKey => key;

    /// <summary>The version this write replaces; null when it inserts the first one.</summary>
    protected int? Expected => _expected;

    public override NpgsqlBatchCommand Build(string serviceId)
    {
        _expected = string.IsNullOrEmpty(state.ETag) ? null : int.Parse(state.ETag, CultureInfo.InvariantCulture);
        var command = StateStatements.Keyed(Statement(insert: _expected is null), key, serviceId);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        if (_expected is { } version)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        }

        AddParameters(command.Parameters);
        return command;
    }

    /// <summary>The statement: the row's key is $1..$7, the payload $8 and, for an update, the expected version $9.</summary>
    protected virtual string Statement(bool insert) => insert ? StateStatements.Insert : StateStatements.Update;

    /// <summary>Parameters a derived write adds after those of <see cref="Statement"/>.</summary>
    protected virtual void AddParameters(NpgsqlParameterCollection parameters)
    {
    }

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken))
        {
            _written = reader.GetInt32(0);
            return null;
        }

        return new InconsistentStateException(
            $"Version conflict (WriteState): ProviderName={provider} GrainType={key.GrainTypeString} ETag={state.ETag ?? "none"}: the row changed or exists already.",
            storedEtag: null, currentEtag: state.ETag);
    }

    protected override void OnCommitted()
    {
        state.ETag = _written.ToString(CultureInfo.InvariantCulture);
        state.RecordExists = true;
    }
}
