using Npgsql;
using NpgsqlTypes;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// The group-commit provider's SQL over the table of Orleans' ADO.NET grain storage (Silo/Schema/03-persistence.sql),
/// with its semantics: the version is the ETag, a write without one inserts version 1 only where no row exists, a
/// write with one updates only where the stored version still matches, a clear keeps the row with a NULL payload
/// and a new version. Parameters are positional: the key is $1..$7 in every statement.
/// </summary>
public static class StateStatements
{
    private const string KeyMatch = """
        grain_id_hash = $1 AND grain_type_hash = $2 AND grain_id_n0 = $3 AND grain_id_n1 = $4
          AND service_id = $5 AND grain_type_string = $6 AND grain_id_extension_string IS NOT DISTINCT FROM $7
        """;

    public const string Read = $"SELECT payload_binary, version FROM orleans_storage WHERE {KeyMatch}";

    /// <summary>$8 payload, $9 the version the writer read. No row back: the version moved (a conflict).</summary>
    public const string Update = $"""
        UPDATE orleans_storage SET payload_binary = $8, version = version + 1
        WHERE {KeyMatch} AND version = $9
        RETURNING version
        """;

    /// <summary>$8 payload. No row back: a row exists already (another activation wrote first).</summary>
    public const string Insert = """
        INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type_string,
                                     grain_id_extension_string, payload_binary, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    /// <summary>$8 the version the clearer read.</summary>
    public const string Clear = $"""
        UPDATE orleans_storage SET payload_binary = NULL, version = version + 1
        WHERE {KeyMatch} AND version = $8
        RETURNING version
        """;

    /// <summary>A statement whose first seven parameters are the row's key.</summary>
    public static NpgsqlBatchCommand Keyed(string sql, StorageKey key, string serviceId)
    {
        var command = new NpgsqlBatchCommand(sql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int> { TypedValue = key.GrainIdHash });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = key.GrainTypeHash });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N0 });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N1 });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainTypeString });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)key.Extension ?? DBNull.Value });
        return command;
    }
}
