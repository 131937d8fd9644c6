namespace Ecommerce.LoadTest.Race;

/// <summary>Latency figures of a set of requests, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    public static LatencySummary Of(IEnumerable<double> latenciesMs)
    {
        var sorted = latenciesMs.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new LatencySummary(
                Percentiles.OfSorted(sorted, 50),
                Percentiles.OfSorted(sorted, 95),
                Percentiles.OfSorted(sorted, 99),
                sorted[^1],
                sorted.Average());
    }
}

public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: the smallest value that at least <paramref name="percentile"/>% of the values are
    /// at or below. Always one of the measured values (never interpolated), so "p99 = 40 ms" means a request took 40 ms.
    /// </summary>
    public static double OfSorted(IReadOnlyList<double> sortedAscending, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedAscending);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sortedAscending.Count == 0)
        {
            return 0;
        }

        // percentile * count first: exact for whole percentiles, where percentile / 100 would not be (0.95 in binary).
        var rank = (int)Math.Ceiling(percentile * sortedAscending.Count / 100);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }
}
