namespace Ecommerce.Grains.Recommendations;

/// <summary>The <c>Recommendations</c> section.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    /// <summary>How far back "trending" looks.</summary>
    public TimeSpan TrendingWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a product reports its recent sales to the trending grain.</summary>
    public TimeSpan TrendingReportInterval { get; set; } = TimeSpan.FromSeconds(2);
}
