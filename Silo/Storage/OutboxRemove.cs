using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>Removes relayed events from the outbox: one statement for all that came due, riding in a write round.</summary>
public sealed class OutboxRemove(IReadOnlyCollection<Guid> eventIds) : StorageOperation(key: null, bytes: eventIds.Count * 16)
{
    private const string Remove = """
        WITH removed AS (DELETE FROM shop_order_outbox WHERE service_id = $1 AND event_id = ANY($2) RETURNING 1)
        SELECT count(*) FROM removed
        """;

    public override NpgsqlBatchCommand Build(string serviceId)
    {
        var command = new NpgsqlBatchCommand(Remove);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. eventIds] });
        return command;
    }

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return null;
    }
}
