using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>
/// Reads the drill's outcome back through the API for <see cref="ChaosAudit"/>: waits for reserved units to go back on
/// sale (at most the reservation TTL after the race), reads every buyer's orders and inbox, looks up 201s missing from
/// their buyer's list by id, and the event consumers' counts, giving those a little while to catch up.
/// </summary>
public sealed class ChaosReadBack(ShopApi shop, ChaosOptions options, TextWriter log)
{
    private const int MaxParallelReads = 16;
    private const int MostUnlistedLookedUp = 500;

    /// <summary>How long a read the shop answers 5xx (or not at all) is tried again: right after a kill, the cluster is still healing.</summary>
    private static readonly TimeSpan ReadPatience = TimeSpan.FromSeconds(60);

    /// <summary>Room beyond the TTL for the stock grain's sweep and a cached stock read.</summary>
    public static readonly TimeSpan DrainSlack = TimeSpan.FromSeconds(5);

    public async Task<(AuditReport Report, ChaosAuditFigures Figures)> AuditAsync(FlashSalePlan plan, IReadOnlyList<CreatedOrder> created,
        long purchasesGivenUp, long raceEnded, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (stock, drain) = await DrainAsync(plan.Sku, raceEnded, cancellation);
        var buyers = await ReadBuyersAsync(plan, Enumerable.Range(0, plan.Buyers.Count), cancellation);
        var admin = await PatientlyAsync(() => shop.LogInAsync(options.Sale.AdminEmail, options.Sale.AdminPassword, cancellation), cancellation);
        var settling = Stopwatch.GetTimestamp();
        SalesCounts? sales = null;
        var salesReadable = true;
        while (true)
        {
            if (salesReadable)
            {
                try
                {
                    sales = await PatientlyAsync(() => shop.GetSalesCountsAsync(admin, plan.Sku, cancellation), cancellation);
                }
                catch (ShopApiException e)
                {
                    // Said once: a shop without the route (or an admin without the right) will not grow it while we wait.
                    log.WriteLine($"The event consumers' counts could not be read: {e.Message}");
                    salesReadable = false;
                }
            }

            var sold = stock.Sold - plan.SoldBefore;
            var lagging = buyers.Where(b => InboxLags(b, plan.Sku)).Select(b => b.Buyer).ToList();
            var settled = lagging.Count == 0 && (!salesReadable || (sales?.BoughtTogetherUnits == sold && sales.TrendingUnits == sold));
            if (settled || Stopwatch.GetElapsedTime(settling) >= options.ConsumerSettle)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            var again = (await ReadBuyersAsync(plan, lagging, cancellation)).ToDictionary(b => b.Buyer);
            buyers = [.. buyers.Select(b => again.GetValueOrDefault(b.Buyer) ?? b)];
        }

        var listed = buyers.SelectMany(b => b.Orders.Select(o => o.Id)).ToHashSet();
        var unlisted = new Dictionary<Guid, OrderSummary?>();
        foreach (var order in created.Where(c => !listed.Contains(c.OrderId)).Take(MostUnlistedLookedUp))
        {
            unlisted[order.OrderId] = await PatientlyAsync(() => shop.GetOrderAsync(plan.Buyers[order.Buyer].Token, order.OrderId, cancellation), cancellation);
        }

        return ChaosAudit.Judge(plan, stock, buyers, created, unlisted, purchasesGivenUp, drain, options.ReservationTtl, sales);
    }

    /// <summary>Reads the stock until nothing is reserved, or until the TTL (and a little) has passed since the race ended.</summary>
    private async Task<(StockLevel Stock, Drain Drain)> DrainAsync(string sku, long raceEnded, CancellationToken cancellation)
    {
        var stock = await PatientlyAsync(() => shop.GetStockAsync(sku, cancellation), cancellation);
        var first = stock.Reserved;
        if (first > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{first} units still reserved; waiting up to the reservation TTL ({options.ReservationTtl.TotalSeconds:0} s) for them to go back on sale..."));
        }

        while (stock.Reserved > 0 && Stopwatch.GetElapsedTime(raceEnded) < options.ReservationTtl + DrainSlack)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            stock = await PatientlyAsync(() => shop.GetStockAsync(sku, cancellation), cancellation);
        }

        var waited = Math.Round(Stopwatch.GetElapsedTime(raceEnded).TotalSeconds, 1);
        return (stock, new Drain(stock.Reserved == 0, waited, stock.Reserved, first));
    }

    private async Task<IReadOnlyList<BuyerReadBack>> ReadBuyersAsync(FlashSalePlan plan, IEnumerable<int> which, CancellationToken cancellation)
    {
        var read = new System.Collections.Concurrent.ConcurrentBag<BuyerReadBack>();
        await Parallel.ForEachAsync(which, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellation },
            async (i, token) =>
            {
                var buyer = plan.Buyers[i];
                read.Add(new BuyerReadBack(i, await PatientlyAsync(() => shop.GetOrdersAsync(buyer.Token, token), token),
                    await PatientlyAsync(() => shop.GetNotificationsAsync(buyer.Token, token), token)));
            });
        return [.. read.OrderBy(b => b.Buyer)];
    }

    /// <summary>A read, tried again while the shop answers 5xx or nothing, as a client would: up to <see cref="ReadPatience"/>.</summary>
    private static async Task<T> PatientlyAsync<T>(Func<Task<T>> read, CancellationToken cancellation)
    {
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (IsTransient(e) && Stopwatch.GetElapsedTime(since) < ReadPatience)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        ShopApiException { Status: { } status } => (int)status >= 500,
        HttpRequestException or TaskCanceledException => true,
        _ => false,
    };

    /// <summary>A buyer with a confirmed order of the sale that the inbox (not full) does not show yet.</summary>
    private static bool InboxLags(BuyerReadBack buyer, string sku) =>
        buyer.Inbox is { Count: < ChaosAudit.InboxKept } inbox
        && buyer.Orders.Any(o => o.IsConfirmed && o.UnitsOf(sku) > 0 && !inbox.Any(m => m.IsConfirmation && m.OrderId == o.Id));
}
