using Ecommerce.Orders;
using Npgsql;

namespace Ecommerce.Silo.Storage;

/// <summary>A page of a buyer's orders from <c>shop_order_index</c>, newest first, one more than asked to tell if more follow.</summary>
public sealed class OrderListRead(Guid userId, int limit, OrderCursor? after) : StorageOperation(key: null, bytes: 0)
{
    private const string Page = """
        SELECT order_id, created_at FROM shop_order_index
        WHERE service_id = $1 AND user_id = $2 AND (created_at, order_id) < ($3, $4)
        ORDER BY created_at DESC, order_id DESC
        LIMIT $5
        """;

    private readonly List<OrderCursor> _rows = [];

    public OrderPage Result { get; private set; } = new([], null);

    public override NpgsqlBatchCommand Build(string serviceId)
    {
        var command = new NpgsqlBatchCommand(Page);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after?.CreatedAt.ToUniversalTime() ?? DateTimeOffset.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after?.OrderId ?? Guid.AllBitsSet });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        return command;
    }

    protected override async Task<Exception?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            _rows.Add(new OrderCursor(reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(0)));
        }

        return null;
    }

    protected override void OnCommitted() => Result = new OrderPage(
        [.. _rows.Take(limit).Select(r => r.OrderId)], _rows.Count > limit ? _rows[limit - 1] : null);
}
