using Ecommerce.Recommendations;

namespace Ecommerce.Grains.Recommendations;

[GenerateSerializer, Alias("ecommerce.grains.TrendingState")]
public sealed class TrendingState
{
    /// <summary>Each product's last report of its sales per minute.</summary>
    [Id(0)] public Dictionary<string, IReadOnlyList<MinuteSales>> Sales { get; set; } = new(StringComparer.Ordinal);
}
