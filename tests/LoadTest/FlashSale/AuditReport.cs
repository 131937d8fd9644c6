namespace Ecommerce.LoadTest.FlashSale;

/// <summary>One invariant of the sale, judged on what the API reports after the race.</summary>
/// <param name="Id">Stable name for scripts and tests, e.g. <c>no-oversell</c>.</param>
public sealed record AuditCheck(string Id, string Name, bool Passed, string Detail);

/// <summary>What the audit read back through the API.</summary>
/// <param name="CreatedResponses">201 answers the race received.</param>
/// <param name="MostUnitsOneBuyer">The most units of the SKU one buyer holds in confirmed orders.</param>
public sealed record AuditFigures(
    int Available,
    int Reserved,
    int Sold,
    int SoldBefore,
    int UnitsOnSale,
    int? MaxPerCustomer,
    int ConfirmedOrders,
    int ConfirmedUnits,
    long CreatedResponses,
    int BuyersRead,
    int BuyersWithUnits,
    int MostUnitsOneBuyer,
    int BuyersOverLimit)
{
    public int SoldInRace => Sold - SoldBefore;
}

public sealed record AuditReport(bool Passed, IReadOnlyList<AuditCheck> Checks, AuditFigures? Figures)
{
    /// <summary>A run with nothing to audit (the ceiling command).</summary>
    public static readonly AuditReport NotApplicable = new(true, [], null);

    public static AuditReport Of(IReadOnlyList<AuditCheck> checks, AuditFigures? figures) =>
        new(checks.All(c => c.Passed), checks, figures);

    /// <summary>The shop's figures could not be read back: nothing can be vouched for, so the audit fails.</summary>
    public static AuditReport Unreadable(string why) =>
        Of([new AuditCheck("read-back", "the sale's stock and orders can be read back", false, why)], null);

    public AuditCheck? Check(string id) => Checks.FirstOrDefault(c => c.Id == id);
}
