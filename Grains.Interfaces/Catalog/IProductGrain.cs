namespace Ecommerce.Catalog;

/// <summary>The truth about one product, keyed by its SKU.</summary>
[Alias("ecommerce.catalog.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the product; also hands its sale terms to the SKU's stock grain.</summary>
    [Alias("Upsert")]
    Task<UpsertProductResult> UpsertAsync(ProductDetails details);

    /// <summary>
    /// Creates or replaces the product as part of a bulk import: the shard and the feed are the importer's to update.
    /// <paramref name="assumeNew"/>: the importer has never listed this SKU, so the grain may write without reading first
    /// (it reads and retries if storage holds the product after all).
    /// </summary>
    [Alias("Import")]
    Task<UpsertProductResult> ImportAsync(ProductDetails details, bool assumeNew);

    [Alias("Get"), ReadOnly]
    Task<Product?> GetAsync();
}
