using Ecommerce.Orders;
using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>Adds orders to a buyer's list (those listed before the list existed).</summary>
public sealed class OrderListAdd(Guid userId, IReadOnlyList<OrderCursor> orders) : StorageOperation(key: null, bytes: orders.Count * 40)
{
    private const string Add = """
        WITH added AS (
            INSERT INTO shop_order_index (service_id, user_id, created_at, order_id)
            SELECT $1, $2, o.created_at, o.order_id FROM unnest($3::timestamptz[], $4::uuid[]) AS o(created_at, order_id)
            ON CONFLICT DO NOTHING
            RETURNING 1)
        SELECT count(*) FROM added
        """;

    public override NpgsqlBatchCommand Build(string serviceId)
    {
        var command = new NpgsqlBatchCommand(Add);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. orders.Select(o => o.CreatedAt.ToUniversalTime())] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. orders.Select(o => o.OrderId)] });
        return command;
    }

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return null;
    }
}
