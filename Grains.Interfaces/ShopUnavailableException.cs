namespace Ecommerce;

/// <summary>
/// A part of the shop a call needed (its database, a grain reloading after a failed write) is unavailable for a moment:
/// nothing was decided, and the same call shortly after may well succeed. The API answers it 503 with Retry-After.
/// Grains throw it in place of faults that can't cross the wire (a database driver's exceptions have no Orleans codec).
/// </summary>
[GenerateSerializer, Alias("ecommerce.ShopUnavailableException")]
public sealed class ShopUnavailableException : Exception
{
    public ShopUnavailableException()
    {
    }

    public ShopUnavailableException(string message)
        : base(message)
    {
    }

    public ShopUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
