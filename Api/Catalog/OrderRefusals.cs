using System.Diagnostics.Metrics;
using Ecommerce.Orders;
using Ecommerce.Telemetry;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// Refusals that cost nothing: from what this process already knows (the catalog and the stock grains' announcements),
/// an order for an unknown product, a product not yet on sale or one sold out is answered at once, without a grain
/// call. The announcements are at most about half a second old, so a refusal may be that stale; it is always safe,
/// since a refusal changes nothing, and only the stock grain ever grants units (never an oversell). A restock is
/// orderable again as soon as its announcement arrives.
/// </summary>
public sealed class OrderRefusals(CatalogReadModel readModel, TimeProvider clock)
{
    private static readonly Meter Meter = new(ShopTelemetry.MeterName);

    /// <summary>Refusals answered here, which the silos' counters never see.</summary>
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "shop.orders.refused_by_api", unit: "{order}", description: "Orders an API process refused from what it knew, without a grain call.");

    private static readonly KeyValuePair<string, object?>[] Reasons =
    [
        new("reason", "unknown_product"), new("reason", "not_on_sale"), new("reason", "out_of_stock"),
    ];

    /// <summary>
    /// The refusal for these lines, or null when the grains must decide. <paramref name="mayBeRetry"/>: a request with
    /// an Idempotency-Key may retry an order that was placed before the product sold out, and must get that order
    /// back, so only an unknown product (which can never have been ordered) is refused for it here.
    /// </summary>
    public async ValueTask<PlaceOrderResult?> RefuseAsync(IReadOnlyList<OrderLineRequest> lines, bool mayBeRetry)
    {
        if (!readModel.Ready)
        {
            return null;
        }

        var merged = lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity))).ToList();
        if (merged.FirstOrDefault(l => readModel.Find(l.Sku) is null) is { Sku: { } unknown })
        {
            Refused.Add(1, Reasons[0]);
            return new PlaceOrderResult(PlaceOrderOutcome.UnknownProduct, null, unknown, $"There is no product '{unknown}'.");
        }

        if (mayBeRetry)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (merged.FirstOrDefault(l => !readModel.Find(l.Sku)!.IsOnSale(now)) is { Sku: { } early })
        {
            Refused.Add(1, Reasons[1]);
            return new PlaceOrderResult(PlaceOrderOutcome.NotOnSale, null, early, $"'{early}' is not on sale yet.");
        }

        foreach (var (sku, quantity) in merged)
        {
            var available = await readModel.AvailableAsync(sku);
            if (quantity > available)
            {
                Refused.Add(1, Reasons[2]);
                return new PlaceOrderResult(PlaceOrderOutcome.OutOfStock, null, sku, $"'{sku}' has {available} units available; {quantity} requested.");
            }
        }

        return null;
    }
}
