using System.Diagnostics.Metrics;
using Ecommerce.Telemetry;

namespace Ecommerce.Api.Catalog;

/// <summary>The search result cache's look-ups, hit or missed (<c>shop_search_cache_lookups_total</c>).</summary>
public static class SearchMetrics
{
    private static readonly Meter Meter = new(ShopTelemetry.MeterName);

    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>(
        "shop.search.cache.lookups", "{lookup}", "Searches looked up in the result cache, by result (hit, miss).");

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    public static void CacheLookup(bool hit) => Lookups.Add(1, hit ? Hit : Miss);
}
