using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Npgsql;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>The outbox rows in PostgreSQL: removed through the write rounds, claimed by a statement of their own.</summary>
public sealed class PostgresOrderOutbox(GroupCommitStorage storage, IGrainStorageSerializer serializer, ILocalSiloDetails silo) : IOrderOutbox
{
    // Oldest first, skipping rows another silo is claiming right now; the claimer becomes their owner.
    private const string Claim = """
        WITH claimable AS (
            SELECT event_id FROM shop_order_outbox
            WHERE service_id = $1 AND (owner = ANY($2) OR claimed_at < now() - $3)
            ORDER BY seq
            LIMIT $4
            FOR UPDATE SKIP LOCKED)
        UPDATE shop_order_outbox o SET owner = $5, claimed_at = now()
        FROM claimable c
        WHERE o.service_id = $1 AND o.event_id = c.event_id
        RETURNING o.payload
        """;

    private readonly string _owner = silo.SiloAddress.ToParsableString();

    public Task RemoveAsync(IReadOnlyCollection<Guid> eventIds) => storage.Writes.Enqueue(new OutboxRemove(eventIds));

    public async Task<IReadOnlyList<OrderEvent>> ClaimAsync(IReadOnlyCollection<string> deadOwners, TimeSpan staleAfter, int limit)
    {
        await using var command = storage.Database.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = storage.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deadOwners] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = staleAfter });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _owner });
        var claimed = new List<OrderEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claimed.Add(serializer.Deserialize<OrderEvent>(new BinaryData(reader.GetFieldValue<byte[]>(0)))!);
        }

        return claimed;
    }
}
