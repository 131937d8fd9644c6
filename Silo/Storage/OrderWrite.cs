using Ecommerce.Grains.Orders;
using Npgsql;
using NpgsqlTypes;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// An order's state write that carries, in the same statement and so the same transaction, its new events into the
/// outbox and (when it is placed) its line in the buyer's list. Both are written only if the state's version check
/// passes: a conflicting write adds nothing.
/// </summary>
public sealed class OrderWrite(
    StorageKey key, IGrainState<OrderState> order, byte[] payload, string provider, string owner,
    IReadOnlyList<(Guid EventId, byte[] Payload)> events, (Guid UserId, DateTimeOffset CreatedAt, Guid OrderId)? listing)
    : StateWrite<OrderState>(key, order, payload, provider)
{
    private static readonly string InsertWithOutbox = Attach(StateStatements.Insert);
    private static readonly string UpdateWithOutbox = Attach(StateStatements.Update);

    /// <summary>$10 owner, $11 event ids, $12 event payloads, $13-$15 the list entry (user, created, order; NULLs when none).</summary>
    private static string Attach(string write) => $"""
        WITH written AS ({write}),
        outbox AS (
            INSERT INTO shop_order_outbox (service_id, event_id, owner, payload)
            SELECT $5, e.event_id, $10, e.payload FROM unnest($11::uuid[], $12::bytea[]) AS e(event_id, payload)
            WHERE EXISTS (SELECT FROM written)
            ON CONFLICT DO NOTHING),
        listed AS (
            INSERT INTO shop_order_index (service_id, user_id, created_at, order_id)
            SELECT $5, $13, $14, $15 WHERE $13 IS NOT NULL AND EXISTS (SELECT FROM written)
            ON CONFLICT DO NOTHING)
        SELECT version FROM written
        """;

    protected override string Statement(bool insert) => insert ? InsertWithOutbox : UpdateWithOutbox;

    protected override void AddParameters(NpgsqlParameterCollection parameters)
    {
        if (Expected is null)
        {
            // $9, the expected version, which an insert does not use: declared so the numbering is the update's.
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = DBNull.Value });
        }

        parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.EventId)] });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. events.Select(e => e.Payload)] });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = listing?.UserId ?? (object)DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = listing?.CreatedAt.ToUniversalTime() ?? (object)DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = listing?.OrderId ?? (object)DBNull.Value });
    }
}
