namespace Ecommerce.Carts;

/// <summary>A user's cart, keyed by the user id: only its owner ever reaches it.</summary>
[Alias("ecommerce.carts.ICartGrain")]
public interface ICartGrain : IGrainWithGuidKey
{
    [Alias("Get"), ReadOnly]
    Task<CartView> GetAsync();

    [Alias("SetItem")]
    Task<CartChangeResult> SetItemAsync(string sku, int quantity);

    [Alias("RemoveItem")]
    Task<CartView> RemoveItemAsync(string sku);

    [Alias("Clear")]
    Task ClearAsync();

    /// <summary>
    /// A checkout succeeded: takes the order's quantities out of the cart and keeps whatever was added or raised while
    /// the order was placed. Once per order: a replayed checkout (same Idempotency-Key) takes nothing more.
    /// </summary>
    [Alias("RemoveOrdered")]
    Task RemoveOrderedAsync(Guid orderId, IReadOnlyList<CartLineOrdered> lines);
}
