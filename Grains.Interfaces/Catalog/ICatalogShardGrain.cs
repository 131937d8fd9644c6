namespace Ecommerce.Catalog;

/// <summary>
/// A slice of the catalog listing (products hashed by SKU), so that the whole catalog can be enumerated and
/// searched without a registry grain that every product write would queue behind.
/// </summary>
[Alias("ecommerce.catalog.ICatalogShardGrain")]
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(Product product);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Product>> ListAsync();
}

public static class CatalogShards
{
    /// <summary>Fixed forever: changing it moves products between shards.</summary>
    public const int Count = 16;

    /// <summary>FNV-1a over the SKU: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static int Of(string sku)
    {
        uint hash = 2166136261;
        foreach (var c in sku)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Count);
    }
}
