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

    /// <summary>
    /// Bulk import of products that all fall in this shard: each product grain and its stock are written, then this
    /// shard once, then the feed once, where one product at a time would write the shard and notify the feed per product.
    /// </summary>
    [Alias("Import")]
    Task<ImportResult> ImportAsync(IReadOnlyList<ProductImport> products);
}

[GenerateSerializer, Immutable, Alias("ecommerce.catalog.ProductImport")]
public sealed record ProductImport(
    [property: Id(0)] string Sku,
    [property: Id(1)] ProductDetails Details,
    [property: Id(2)] int? OnHand);

[GenerateSerializer, Immutable, Alias("ecommerce.catalog.ImportResult")]
public sealed record ImportResult(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Created);

public static class CatalogShards
{
    /// <summary>
    /// Fixed forever: changing it moves products between shards. 256 spreads a bulk import's writes; each shard writes
    /// only its head of recent products and seals full heads into pages, so its writes stay small at any catalog size.
    /// </summary>
    public const int Count = 256;

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
