using Ecommerce.LoadTest.Chaos;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Reports;

/// <summary>The flash-sale settings and outcome beside the race's figures (absent for the ceiling command).</summary>
/// <param name="UnitsSoldByResponses">201 answers times the units per order: what the buyers were told they got.</param>
public sealed record SaleSummary(
    string Sku,
    bool ProductCreated,
    int UnitsOnSale,
    int? MaxPerCustomer,
    int Buyers,
    int Quantity,
    string PaymentToken,
    int Seed,
    long UnitsSoldByResponses);

/// <summary>
/// Everything a run measured: written as report.json (the benchmark script parses it), report.md and report.html.
/// Orders are 201 answers; the ceiling command has none.
/// </summary>
public sealed record LoadReport
{
    public required string Command { get; init; }
    public required string Api { get; init; }

    /// <summary>The request the race repeated, e.g. "POST /api/orders".</summary>
    public required string Target { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required int Concurrency { get; init; }
    public required double DurationLimitSeconds { get; init; }
    public required double DurationSeconds { get; init; }
    public required StopReason StopReason { get; init; }
    public required long Requests { get; init; }
    public required long Orders { get; init; }
    public required double RequestsPerSecond { get; init; }
    public required double OrdersPerSecond { get; init; }
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Responses per HTTP status; "error" counts requests that got none (timeout, connection refused).</summary>
    public required IReadOnlyDictionary<string, long> StatusCounts { get; init; }

    public SaleSummary? Sale { get; init; }
    public required AuditReport Audit { get; init; }
    public required IReadOnlyList<TimelineSecond> Timeline { get; init; }
    public required LatencyHistogram Histogram { get; init; }

    /// <summary>The chaos drill's part: what it did to the cluster, availability over time, recoveries. Null otherwise.</summary>
    public ChaosSummary? Chaos { get; init; }

    public static LoadReport Create(string command, Uri api, string target, RaceSettings settings, RaceResult race,
        SaleSummary? sale, AuditReport audit)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(race);
        var seconds = Math.Max(race.Elapsed.TotalSeconds, 1e-3);
        var orders = race.Samples.LongCount(s => s.Status == 201);
        var latency = LatencySummary.Of(race.Samples.Select(s => s.LatencyMs));
        return new LoadReport
        {
            Command = command,
            Api = api?.ToString() ?? "",
            Target = target,
            StartedAt = race.StartedAt,
            Concurrency = settings.Concurrency,
            DurationLimitSeconds = settings.Duration.TotalSeconds,
            DurationSeconds = Math.Round(race.Elapsed.TotalSeconds, 3),
            StopReason = race.StopReason,
            Requests = race.Samples.Count,
            Orders = orders,
            RequestsPerSecond = Math.Round(race.Samples.Count / seconds, 2),
            OrdersPerSecond = Math.Round(orders / seconds, 2),
            LatencyMs = new LatencySummary(Math.Round(latency.P50, 3), Math.Round(latency.P95, 3), Math.Round(latency.P99, 3),
                Math.Round(latency.Max, 3), Math.Round(latency.Mean, 3)),
            StatusCounts = race.Samples
                .GroupBy(s => s.Status)
                .OrderBy(g => g.Key == RequestSample.NoResponse ? int.MaxValue : g.Key)
                .ToDictionary(g => StatusName(g.Key), g => g.LongCount()),
            Sale = sale,
            Audit = audit,
            Timeline = Reports.Timeline.Of(race.Samples, race.Elapsed),
            Histogram = LatencyHistogram.Of(race.Samples),
        };
    }

    public static string StatusName(int status) =>
        status == RequestSample.NoResponse ? "error" : status.ToString(CultureInfo.InvariantCulture);

    public string StopReasonText => StopReason switch
    {
        StopReason.AllRefused => $"every request of the last {RaceSettings.DefaultRefusalWindow.TotalSeconds:0} s was refused (out of stock or over the limit per customer)",
        StopReason.Interrupted => "stopped by the operator",
        _ => "ran its whole duration",
    };
}
