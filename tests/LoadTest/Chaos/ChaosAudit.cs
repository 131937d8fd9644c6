using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>A 201 the drill received: the buyer it was for and the order it named (its Location).</summary>
public sealed record CreatedOrder(int Buyer, Guid OrderId);

/// <summary>One buyer as read back after the drill: every order listed, and the inbox (null when it was not read).</summary>
public sealed record BuyerReadBack(int Buyer, IReadOnlyList<OrderSummary> Orders, IReadOnlyList<InboxMessage>? Inbox);

/// <summary>Whether the reserved units went back on sale, and how long the audit waited for it after the race.</summary>
public sealed record Drain(bool Drained, double WaitedSeconds, int ReservedLeft, int ReservedAtFirstRead);

/// <summary>What the chaos audit read back, beyond the stock figures of the flash-sale audit.</summary>
public sealed record ChaosAuditFigures(
    int CreatedOrders,
    int CreatedListedConfirmed,
    int CreatedListedNotConfirmed,
    int CreatedUnlisted,
    int CreatedUnlistedButFoundConfirmed,
    int ConfirmedOrders,
    int ConfirmedWithoutCreated,
    long PurchasesGivenUp,
    Drain Drain,
    int InboxBuyersChecked,
    int InboxBuyersFull,
    int ConfirmedMissingFromInbox,
    int ConfirmedTwiceInInbox,
    int ConfirmedUnits,
    long? BoughtTogetherUnits,
    long? TrendingUnits);

/// <summary>
/// The checks after a chaos drill (DESIGN.md's invariants, judged over HTTP): every 201 is a Confirmed order listed by
/// its buyer; the stock adds up and nothing is oversold; every confirmed order was answered 201 or given up by its
/// client; reserved units go back on sale within the reservation TTL; and every confirmed order is counted once by
/// every consumer of order events (the buyer's inbox, bought-together, trending).
/// </summary>
public static class ChaosAudit
{
    public const string CreatedConfirmedListed = "created-confirmed-listed";
    public const string ConfirmedAnswered = "confirmed-answered";
    public const string ReservationsDrained = "reservations-drained";
    public const string InboxOnce = "inbox-once";
    public const string BoughtTogetherOnce = "bought-together-once";
    public const string TrendingOnce = "trending-once";

    /// <summary>The newest messages a user's inbox keeps (the shop's NotificationState.Kept): a fuller inbox may have dropped older ones.</summary>
    public const int InboxKept = 200;

    /// <param name="unlistedFound">For 201s missing from their buyer's list: the order as read by its id (null: 404).</param>
    public static (AuditReport Report, ChaosAuditFigures Figures) Judge(
        FlashSalePlan plan,
        StockLevel stock,
        IReadOnlyList<BuyerReadBack> buyers,
        IReadOnlyList<CreatedOrder> created,
        IReadOnlyDictionary<Guid, OrderSummary?> unlistedFound,
        long purchasesGivenUp,
        Drain drain,
        TimeSpan reservationTtl,
        SalesCounts? sales)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(buyers);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(unlistedFound);
        ArgumentNullException.ThrowIfNull(drain);

        // Every order of the sale as its buyer lists it.
        var listed = buyers
            .SelectMany(b => b.Orders.Where(o => o.UnitsOf(plan.Sku) > 0).Select(o => (b.Buyer, Order: o)))
            .GroupBy(x => x.Order.Id)
            .ToDictionary(g => g.Key, g => g.First());
        var confirmed = listed.Values.Where(x => x.Order.IsConfirmed).ToList();
        var createdBy = created.GroupBy(c => c.OrderId).ToDictionary(g => g.Key, g => g.First().Buyer);
        var createdIds = createdBy.Keys.ToHashSet();
        var holdings = buyers.Select(b =>
        {
            var theirs = b.Orders.Where(o => o.IsConfirmed && o.UnitsOf(plan.Sku) > 0).ToList();
            return new BuyerHolding(theirs.Count, theirs.Sum(o => o.UnitsOf(plan.Sku)));
        }).ToList();

        // The stock checks are the flash sale's; its "201s == confirmed orders" is replaced by the two checks below,
        // since a client that gives up on a purchase may leave an order confirmed without having seen its 201.
        var stockAudit = Audit.Judge(plan, stock, holdings, createdIds.Count);
        var checks = stockAudit.Checks.Where(c => c.Id != Audit.CreatedMatchesConfirmed).ToList();

        // Listed means listed by the buyer the 201 was for.
        var createdStatus = createdBy.Select(c => listed.TryGetValue(c.Key, out var x) && x.Buyer == c.Value
            ? (x.Order.IsConfirmed ? "confirmed" : "not-confirmed")
            : "unlisted").ToList();
        var unlisted = createdBy.Where(c => !listed.TryGetValue(c.Key, out var x) || x.Buyer != c.Value).Select(c => c.Key).ToList();
        var unlistedButConfirmed = unlisted.Count(id => unlistedFound.GetValueOrDefault(id) is { IsConfirmed: true });
        var notConfirmed = listed.Values.Where(x => createdIds.Contains(x.Order.Id) && !x.Order.IsConfirmed)
            .GroupBy(x => x.Order.Status).Select(g => $"{g.Count()} {g.Key}");
        checks.Insert(0, new AuditCheck(CreatedConfirmedListed, "every 201 is a Confirmed order listed by its buyer",
            createdStatus.All(s => s == "confirmed"),
            $"201 answers {createdIds.Count}: listed and Confirmed {createdStatus.Count(s => s == "confirmed")}, " +
            $"listed but not Confirmed {createdStatus.Count(s => s == "not-confirmed")}{Parenthesised(notConfirmed)}, " +
            $"missing from the buyer's list {unlisted.Count} (of which Confirmed when read by id: {unlistedButConfirmed})"));

        // Every confirmed order the audit can see: listed, or answered 201 and found by its id though unlisted.
        var known = confirmed.Select(x => (x.Buyer, x.Order.Id, Units: x.Order.UnitsOf(plan.Sku)))
            .Concat(unlisted.Where(id => unlistedFound.GetValueOrDefault(id) is { IsConfirmed: true })
                .Select(id => (Buyer: createdBy[id], Id: id, Units: unlistedFound[id]!.UnitsOf(plan.Sku))))
            .ToList();
        var withoutCreated = confirmed.Count(x => !createdIds.Contains(x.Order.Id));
        checks.Add(new AuditCheck(ConfirmedAnswered, "every confirmed order was answered 201, or its client gave up on it",
            withoutCreated <= purchasesGivenUp,
            $"confirmed orders without a 201 {withoutCreated}, purchases given up {purchasesGivenUp}"));

        checks.Add(new AuditCheck(ReservationsDrained,
            string.Create(CultureInfo.InvariantCulture, $"reserved units back on sale within the reservation TTL ({reservationTtl.TotalSeconds:0} s) after the race"),
            drain.Drained,
            drain.Drained
                ? string.Create(CultureInfo.InvariantCulture, $"{drain.ReservedAtFirstRead} reserved after the race, none after {drain.WaitedSeconds:0.0} s")
                : string.Create(CultureInfo.InvariantCulture, $"{drain.ReservedLeft} still reserved {drain.WaitedSeconds:0.0} s after the race")));

        var inbox = JudgeInbox(buyers, known.Select(k => (k.Buyer, k.Id)));
        checks.Add(new AuditCheck(InboxOnce, "every confirmed order is in its buyer's inbox once",
            inbox.Missing == 0 && inbox.Twice == 0,
            $"confirmed orders missing from the inbox {inbox.Missing}, there twice or more {inbox.Twice}; buyers read {inbox.Checked}" +
            (inbox.Full > 0 ? $", of which {inbox.Full} with a full inbox (checked for repeats only)" : "")));

        // The consumers are held to the units the stock sold: every sold unit is in exactly one confirmed order (checked
        // above), and that figure does not depend on every order being listed or looked up.
        var sold = stock.Sold - plan.SoldBefore;
        checks.Add(ConsumerCheck(BoughtTogetherOnce, "bought-together", sales?.BoughtTogetherUnits, sold));
        checks.Add(ConsumerCheck(TrendingOnce, "trending", sales?.TrendingUnits, sold));

        var figures = new ChaosAuditFigures(
            createdIds.Count,
            createdStatus.Count(s => s == "confirmed"),
            createdStatus.Count(s => s == "not-confirmed"),
            unlisted.Count,
            unlistedButConfirmed,
            known.Count,
            withoutCreated,
            purchasesGivenUp,
            drain,
            inbox.Checked,
            inbox.Full,
            inbox.Missing,
            inbox.Twice,
            known.Sum(k => k.Units),
            sales?.BoughtTogetherUnits,
            sales?.TrendingUnits);
        return (AuditReport.Of(checks, stockAudit.Figures), figures);
    }

    private static (int Checked, int Full, int Missing, int Twice) JudgeInbox(IReadOnlyList<BuyerReadBack> buyers,
        IEnumerable<(int Buyer, Guid OrderId)> confirmed)
    {
        var byBuyer = confirmed.ToLookup(c => c.Buyer, c => c.OrderId);
        var (read, full, missing, twice) = (0, 0, 0, 0);
        foreach (var buyer in buyers.Where(b => b.Inbox is not null))
        {
            read++;
            var times = buyer.Inbox!.Where(m => m.IsConfirmation).GroupBy(m => m.OrderId).ToDictionary(g => g.Key, g => g.Count());
            twice += times.Values.Count(n => n > 1);
            if (buyer.Inbox!.Count >= InboxKept)
            {
                full++;
                continue;
            }

            missing += byBuyer[buyer.Buyer].Count(id => !times.ContainsKey(id));
        }

        return (read, full, missing, twice);
    }

    private static AuditCheck ConsumerCheck(string id, string consumer, long? counted, int sold) =>
        new(id, $"{consumer} counted every confirmed unit once", counted == sold,
            counted is { } units ? $"{consumer} counted {units} units, the stock sold {sold}" : $"the {consumer} count could not be read");

    private static string Parenthesised(IEnumerable<string> parts)
    {
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "" : $" ({text})";
    }
}
