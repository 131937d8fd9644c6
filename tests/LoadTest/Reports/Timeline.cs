using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Reports;

/// <summary>One second of a race: requests completed in it, and their latencies.</summary>
public sealed record TimelineSecond(int Second, long Requests, long Orders, double RequestsPerSecond, double OrdersPerSecond, double P50Ms, double P99Ms);

public static class Timeline
{
    /// <summary>Buckets requests by the second they completed in; the last, partial second is scaled to a rate.</summary>
    public static IReadOnlyList<TimelineSecond> Of(IReadOnlyList<RequestSample> samples, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }

        var seconds = samples.GroupBy(s => (int)s.CompletedAt.TotalSeconds).ToDictionary(g => g.Key, g => g.ToList());
        var last = seconds.Keys.Max();
        var points = new List<TimelineSecond>(last + 1);
        for (var second = 0; second <= last; second++)
        {
            var bucket = seconds.GetValueOrDefault(second) ?? [];
            var width = Math.Clamp(Math.Max(elapsed.TotalSeconds, last + 1e-3) - second, 1e-3, 1);
            var orders = bucket.Count(s => s.Status == 201);
            var latencies = bucket.Select(s => s.LatencyMs).Order().ToArray();
            points.Add(new TimelineSecond(second, bucket.Count, orders,
                Math.Round(bucket.Count / width, 2), Math.Round(orders / width, 2),
                Math.Round(Percentiles.OfSorted(latencies, 50), 3), Math.Round(Percentiles.OfSorted(latencies, 99), 3)));
        }

        return points;
    }
}
