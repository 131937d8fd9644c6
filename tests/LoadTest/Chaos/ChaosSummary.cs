using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>What a chaos drill adds to the report: what it did, how available the shop stayed, and what the audit read.</summary>
/// <param name="Silos">Where the silos were found: the pid directory or the command.</param>
public sealed record ChaosSummary(
    double KillEverySeconds,
    string Silos,
    string? RestartPostgres,
    double ReservationTtlSeconds,
    double GiveUpAfterSeconds,
    IReadOnlyList<ChaosEvent> Events,
    IReadOnlyList<AvailabilitySecond> Availability,
    IReadOnlyList<Recovery> Recoveries,
    PurchaseTally Purchases,
    ChaosAuditFigures? Figures);
