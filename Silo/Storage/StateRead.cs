using System.Globalization;
using Npgsql;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>Reads one grain's state: no row is no ETag; a cleared row reports its version with no record.</summary>
public sealed class StateRead<T>(StorageKey key, IGrainState<T> state, IGrainStorageSerializer serializer, Func<T> create)
    : StorageOperation(key: null, bytes: 0)
{
    private byte[]? _payload;
    private int? _version;

    public override NpgsqlBatchCommand Build(string serviceId) => StateStatements.Keyed(StateStatements.Read, key, serviceId);

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken))
        {
            _payload = reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0);
            _version = reader.GetInt32(1);
        }

        return null;
    }

    protected override void OnCommitted()
    {
        state.State = _payload is null ? create() : serializer.Deserialize<T>(new BinaryData(_payload));
        state.ETag = _version?.ToString(CultureInfo.InvariantCulture);
        state.RecordExists = _payload is not null;
    }
}
