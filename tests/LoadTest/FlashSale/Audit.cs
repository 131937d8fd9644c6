using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.FlashSale;

/// <summary>
/// After the race, reads the sale back through the API (the stock, and every buyer's orders) and checks the shop's
/// invariants (DESIGN.md): stock conserved, every sold unit in a confirmed order, no buyer over the limit, no oversell.
/// The audit trusts nothing the race counted except the 201s, which it compares with the orders it finds.
/// </summary>
public sealed class Audit(ShopApi shop)
{
    public const string SoldMatchesConfirmed = "sold-matches-confirmed";
    public const string StockConserved = "stock-conserved";
    public const string LimitPerCustomer = "limit-per-customer";
    public const string NoOversell = "no-oversell";
    public const string CreatedMatchesConfirmed = "created-matches-confirmed";

    private const int MaxParallelReads = 16;

    public async Task<AuditReport> RunAsync(FlashSalePlan plan, long createdResponses, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stock = await shop.GetStockAsync(plan.Sku, cancellation);
        var held = new BuyerHolding[plan.Buyers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Buyers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellation },
            async (i, token) =>
            {
                var confirmed = (await shop.GetOrdersAsync(plan.Buyers[i].Token, token))
                    .Where(o => o.IsConfirmed && o.UnitsOf(plan.Sku) > 0)
                    .ToList();
                held[i] = new BuyerHolding(confirmed.Count, confirmed.Sum(o => o.UnitsOf(plan.Sku)));
            });
        return Judge(plan, stock, held, createdResponses);
    }

    /// <summary>The checks themselves, on figures already read: what the tests of the audit's logic call.</summary>
    public static AuditReport Judge(FlashSalePlan plan, StockLevel stock, IReadOnlyList<BuyerHolding> holdings, long createdResponses)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(holdings);
        var figures = new AuditFigures(
            stock.Available, stock.Reserved, stock.Sold, plan.SoldBefore, plan.UnitsOnSale, plan.MaxPerCustomer,
            ConfirmedOrders: holdings.Sum(h => h.ConfirmedOrders),
            ConfirmedUnits: holdings.Sum(h => h.ConfirmedUnits),
            createdResponses,
            BuyersRead: holdings.Count,
            BuyersWithUnits: holdings.Count(h => h.ConfirmedUnits > 0),
            MostUnitsOneBuyer: holdings.Count == 0 ? 0 : holdings.Max(h => h.ConfirmedUnits),
            BuyersOverLimit: plan.MaxPerCustomer is { } limit ? holdings.Count(h => h.ConfirmedUnits > limit) : 0);

        var checks = new List<AuditCheck>
        {
            new(SoldMatchesConfirmed, "units sold == units in confirmed orders",
                figures.SoldInRace == figures.ConfirmedUnits,
                $"sold {figures.SoldInRace}, in confirmed orders {figures.ConfirmedUnits}"),
            new(StockConserved, "available + reserved + sold == units on hand",
                stock.Available + stock.Reserved + stock.Sold == plan.UnitsOnSale + plan.SoldBefore
                    && stock.Available >= 0 && stock.Reserved >= 0 && stock.Sold >= 0,
                $"{stock.Available} + {stock.Reserved} + {stock.Sold} = {stock.Available + stock.Reserved + stock.Sold}, " +
                $"on hand {plan.UnitsOnSale + plan.SoldBefore}"),
        };
        if (plan.MaxPerCustomer is { } max)
        {
            checks.Add(new(LimitPerCustomer, $"no buyer holds more than {max} units (maxPerCustomer)",
                figures.BuyersOverLimit == 0,
                $"most held by one buyer {figures.MostUnitsOneBuyer}, buyers over the limit {figures.BuyersOverLimit}"));
        }

        checks.Add(new(NoOversell, "no oversell: sold <= units on sale and confirmed units <= units on sale",
            figures.SoldInRace <= plan.UnitsOnSale && figures.ConfirmedUnits <= plan.UnitsOnSale,
            $"on sale {plan.UnitsOnSale}, sold {figures.SoldInRace}, in confirmed orders {figures.ConfirmedUnits}"));
        checks.Add(new(CreatedMatchesConfirmed, "201 responses == confirmed orders found",
            createdResponses == figures.ConfirmedOrders,
            $"201 responses {createdResponses}, confirmed orders {figures.ConfirmedOrders}"));
        return AuditReport.Of(checks, figures);
    }
}

/// <summary>One buyer's confirmed orders of the sale's SKU.</summary>
public sealed record BuyerHolding(int ConfirmedOrders, int ConfirmedUnits);
