using System.Buffers.Binary;
using System.Buffers.Text;

namespace Ecommerce.Orders;

/// <summary>
/// A place in a buyer's list of orders, which runs newest first (by creation time, then id). Clients see it as an
/// opaque string: <see cref="Encode"/> and <see cref="TryDecode"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderCursor")]
public sealed record OrderCursor([property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] Guid OrderId)
{
    private const int Length = sizeof(long) + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
        OrderId.TryWriteBytes(bytes[sizeof(long)..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out OrderCursor? cursor)
    {
        cursor = null;
        Span<byte> bytes = stackalloc byte[Length];
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new OrderCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[sizeof(long)..]));
        return true;
    }
}

/// <summary>One page of a buyer's orders, newest first, and where the next page starts (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderPage")]
public sealed record OrderPage([property: Id(0)] IReadOnlyList<Guid> OrderIds, [property: Id(1)] OrderCursor? Next);
