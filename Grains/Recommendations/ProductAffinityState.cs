using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;

namespace Ecommerce.Grains.Recommendations;

[GenerateSerializer, Alias("ecommerce.grains.ProductAffinityState")]
public sealed class ProductAffinityState
{
    /// <summary>Units of other SKUs in the orders that held this one.</summary>
    [Id(0)] public Dictionary<string, long> BoughtWith { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units of this SKU sold per minute, within the trending window.</summary>
    [Id(1)] public Dictionary<long, int> SalesByMinute { get; set; } = [];

    [Id(2)] public RecentEventIds Applied { get; set; } = new();

    /// <summary>Stored before <see cref="Purchases"/> existed; moved into it on activation.</summary>
    [Id(3)] public Dictionary<Guid, OrderEventKind> Orders { get; set; } = [];

    /// <summary>The last kind applied per recent order, so a cancellation undoes a confirmation only once and in any order.</summary>
    [Id(4)] public PurchaseLedger Purchases { get; set; } = new();
}
