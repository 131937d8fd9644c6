using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Reports;

/// <summary>One second of a race: requests completed in it, and their latencies.</summary>
public sealed record TimelineSecond(int Second, long Requests, long Orders, double RequestsPerSecond, double OrdersPerSecond, double P50Ms, double P99Ms);

public static class Timeline
{
    /// <summary>
    /// Buckets requests by the second they completed in. A last partial second is a rate over its real length; when
    /// it is under half a second (the requests still in flight at the stop draining out) it joins the second before,
    /// rather than drawing a steep, meaningless drop at the end of every chart.
    /// </summary>
    public static IReadOnlyList<TimelineSecond> Of(IReadOnlyList<RequestSample> samples, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }

        var end = Math.Max(elapsed.TotalSeconds, samples.Max(s => s.CompletedAt.TotalSeconds));
        var last = (int)end;
        if (last > 0 && end - last < 0.5)
        {
            last--;
        }

        var bySecond = samples.ToLookup(s => Math.Min((int)s.CompletedAt.TotalSeconds, last));
        var points = new List<TimelineSecond>(last + 1);
        for (var second = 0; second <= last; second++)
        {
            var bucket = bySecond[second].ToArray();
            var width = second == last ? Math.Max(end - second, 1e-3) : 1;
            var orders = bucket.Count(s => s.Status == 201);
            var latencies = bucket.Select(s => s.LatencyMs).Order().ToArray();
            points.Add(new TimelineSecond(second, bucket.Length, orders,
                Math.Round(bucket.Length / width, 2), Math.Round(orders / width, 2),
                Math.Round(Percentiles.OfSorted(latencies, 50), 3), Math.Round(Percentiles.OfSorted(latencies, 99), 3)));
        }

        return points;
    }
}
