using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Orders;

public static class OrderIds
{
    /// <summary>
    /// The order id a caller's idempotency key stands for: a hash of both, so the same key from two users never
    /// collides and a retry always reaches the grain that holds the first outcome.
    /// </summary>
    public static Guid ForIdempotencyKey(Guid userId, string idempotencyKey)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId:N}\n{idempotencyKey}"));
        return new Guid(bytes.AsSpan(0, 16));
    }
}
