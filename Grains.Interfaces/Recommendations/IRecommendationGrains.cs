namespace Ecommerce.Recommendations;

/// <summary>What was bought together with one product (keyed by SKU), and how much of it sold lately.</summary>
[Alias("ecommerce.recommendations.IProductAffinityGrain")]
public interface IProductAffinityGrain : IGrainWithStringKey
{
    /// <summary>Other SKUs bought in the same orders, most often first.</summary>
    [Alias("GetBoughtTogether"), ReadOnly]
    Task<IReadOnlyList<ScoredSku>> GetBoughtTogetherAsync(int limit);

    /// <summary>Units of this product in confirmed orders (less cancelled ones) within the trending window, as counted here.</summary>
    [Alias("GetUnitsSold"), ReadOnly]
    Task<long> GetUnitsSoldAsync();
}

/// <summary>A user's recommendations, keyed by the user id, precomputed when the user's own purchases change.</summary>
[Alias("ecommerce.recommendations.IUserRecommendationsGrain")]
public interface IUserRecommendationsGrain : IGrainWithGuidKey
{
    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<string>> GetAsync(int limit);
}

/// <summary>Products selling most over a sliding window; the single key 0. Product grains report their sales to it.</summary>
[Alias("ecommerce.recommendations.ITrendingGrain")]
public interface ITrendingGrain : IGrainWithIntegerKey
{
    [Alias("Report")]
    Task ReportAsync(string sku, IReadOnlyList<MinuteSales> sales);

    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<ScoredSku>> GetAsync(int limit);

    /// <summary>One product's units sold within the window, as its last report said.</summary>
    [Alias("GetUnits"), ReadOnly]
    Task<long> GetUnitsAsync(string sku);
}

[GenerateSerializer, Immutable, Alias("ecommerce.recommendations.ScoredSku")]
public sealed record ScoredSku(
    [property: Id(0)] string Sku,
    [property: Id(1)] long Score);

/// <summary>Units of one SKU sold in one minute (minutes since the Unix epoch, UTC).</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.recommendations.MinuteSales")]
public sealed record MinuteSales(
    [property: Id(0)] long Minute,
    [property: Id(1)] int Units);
