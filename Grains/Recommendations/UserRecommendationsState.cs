using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;

namespace Ecommerce.Grains.Recommendations;

[GenerateSerializer, Alias("ecommerce.grains.UserRecommendationsState")]
public sealed class UserRecommendationsState
{
    /// <summary>Units of each SKU the user holds in confirmed orders.</summary>
    [Id(0)] public Dictionary<string, int> Purchased { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The precomputed list, best first.</summary>
    [Id(1)] public List<string> Recommended { get; set; } = [];

    [Id(2)] public RecentEventIds Applied { get; set; } = new();

    /// <summary>Stored before <see cref="Purchases"/> existed; moved into it on activation.</summary>
    [Id(3)] public Dictionary<Guid, OrderEventKind> Orders { get; set; } = [];

    [Id(4)] public PurchaseLedger Purchases { get; set; } = new();
}
