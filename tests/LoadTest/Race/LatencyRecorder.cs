namespace Ecommerce.LoadTest.Race;

/// <summary>
/// Every request of a race as it completes, from all workers at once. Samples are kept whole rather than bucketed,
/// so the report's percentiles are exact; a race of minutes at thousands of requests a second fits in memory easily.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<RequestSample> _samples = [];
    private readonly Dictionary<int, long> _statusCounts = [];

    public void Record(RequestSample sample)
    {
        lock (_gate)
        {
            _samples.Add(sample);
            _statusCounts[sample.Status] = _statusCounts.GetValueOrDefault(sample.Status) + 1;
        }
    }

    public IReadOnlyList<RequestSample> Samples()
    {
        lock (_gate)
        {
            return [.. _samples];
        }
    }

    /// <summary>The figures of the progress line: counts so far and the p99 of all requests so far.</summary>
    public RaceSnapshot Snapshot(TimeSpan elapsed)
    {
        double[] latencies;
        Dictionary<int, long> counts;
        lock (_gate)
        {
            latencies = new double[_samples.Count];
            for (var i = 0; i < latencies.Length; i++)
            {
                latencies[i] = _samples[i].LatencyMs;
            }

            counts = new Dictionary<int, long>(_statusCounts);
        }

        Array.Sort(latencies);
        return new RaceSnapshot(elapsed, latencies.Length, counts, Percentiles.OfSorted(latencies, 99));
    }
}
