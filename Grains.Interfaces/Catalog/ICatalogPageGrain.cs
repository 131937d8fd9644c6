namespace Ecommerce.Catalog;

/// <summary>
/// A sealed page of one catalog shard's listing (key "shard/page"): written once when the shard's head fills, then
/// only read, so a shard's writes stay the size of its head however large the catalog grows.
/// </summary>
[Alias("ecommerce.catalog.ICatalogPageGrain")]
public interface ICatalogPageGrain : IGrainWithStringKey
{
    [Alias("Seal")]
    Task SealAsync(IReadOnlyList<Product> products);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Product>> ListAsync();
}

public static class CatalogPages
{
    public static string KeyOf(long shard, int page) => $"{shard}/{page}";
}
