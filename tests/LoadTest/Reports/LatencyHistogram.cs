using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Reports;

public sealed record HistogramBin(double FromMs, double ToMs, long Count);

/// <summary>
/// How latencies spread, in even bins up to the 99.9th percentile; the slowest 0.1% are only counted
/// (<see cref="SlowerThanRange"/>), so that one stalled request does not squeeze everything else into a single bar.
/// </summary>
public sealed record LatencyHistogram(double BinWidthMs, IReadOnlyList<HistogramBin> Bins, long SlowerThanRange)
{
    private const int TargetBins = 50;

    public static LatencyHistogram Of(IReadOnlyList<RequestSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Select(s => s.LatencyMs).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyHistogram(0, [], 0);
        }

        var top = Math.Max(Percentiles.OfSorted(sorted, 99.9), 0.001);
        var width = NiceWidth(top / TargetBins);
        var count = (int)Math.Floor(top / width) + 1;
        var bins = new long[count];
        long slower = 0;
        foreach (var latency in sorted)
        {
            var bin = (int)Math.Floor(latency / width);
            if (bin < count)
            {
                bins[bin]++;
            }
            else
            {
                slower++;
            }
        }

        return new LatencyHistogram(width,
            [.. bins.Select((n, i) => new HistogramBin(Math.Round(i * width, 6), Math.Round((i + 1) * width, 6), n))], slower);
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten at or above <paramref name="raw"/>: bins a person can read.</summary>
    public static double NiceWidth(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= raw * (1 - 1e-9))
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
