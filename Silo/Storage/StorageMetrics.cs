using System.Diagnostics.Metrics;
using Ecommerce.Telemetry;

namespace Ecommerce.Silo.Storage;

/// <summary>The group-commit provider's instruments, on the shop's meter: how many rounds, and how full.</summary>
public static class StorageMetrics
{
    private static readonly Meter Meter = new(ShopTelemetry.MeterName);

    private static readonly Counter<long> Rounds = Meter.CreateCounter<long>(
        "shop.storage.rounds", "{round}", "Round trips (one batch, one transaction) of the group-commit storage, by lane (read, write).");

    private static readonly Counter<long> Rows = Meter.CreateCounter<long>(
        "shop.storage.rows", "{row}", "Statements carried by the group-commit storage's rounds, by lane.");

    private static readonly Histogram<double> RoundDuration = Meter.CreateHistogram(
        "shop.storage.round.duration", "s", "Time from sending a round to its commit, by lane.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    private static readonly KeyValuePair<string, object?> ReadLane = new("lane", "read");
    private static readonly KeyValuePair<string, object?> WriteLane = new("lane", "write");

    /// <summary>Reported at start, so the series exist at zero before the first round.</summary>
    public static void Start()
    {
        foreach (var lane in new[] { ReadLane, WriteLane })
        {
            Rounds.Add(0, lane);
            Rows.Add(0, lane);
        }
    }

    public static void Round(string lane, int rows, TimeSpan duration)
    {
        var tag = lane == "read" ? ReadLane : WriteLane;
        Rounds.Add(1, tag);
        Rows.Add(rows, tag);
        RoundDuration.Record(duration.TotalSeconds, tag);
    }
}
