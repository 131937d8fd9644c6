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
}
