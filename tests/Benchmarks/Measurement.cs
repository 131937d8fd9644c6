using System.Diagnostics;

namespace Ecommerce.Benchmarks;

/// <summary>Runs an operation from N concurrent loops for a fixed time and reports its rate and latency percentiles.</summary>
public static class Measurement
{
    public static async Task<Result> RunAsync(int concurrency, TimeSpan duration, Func<int, Task<bool>> operation, TimeSpan? warmup = null)
    {
        if (warmup is { } w && w > TimeSpan.Zero)
        {
            await LoopAsync(concurrency, w, operation);
        }

        var (latencies, failures, elapsed) = await LoopAsync(concurrency, duration, operation);
        return Result.From(latencies, failures, elapsed);
    }

    private static async Task<(List<double> Latencies, long Failures, TimeSpan Elapsed)> LoopAsync(
        int concurrency, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            await Task.Yield();
            var latencies = new List<double>(4096);
            long failures = 0;
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(worker);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok)
                {
                    failures++;
                }
            }

            return (latencies, failures);
        }));
        var elapsed = stopwatch.Elapsed;
        return ([.. perWorker.SelectMany(p => p.latencies)], perWorker.Sum(p => p.failures), elapsed);
    }

    public sealed record Result(long Operations, long Failures, double PerSecond, double P50, double P95, double P99, double Max)
    {
        /// <summary>What each operation cost (<see cref="CostMeter"/>), where measured.</summary>
        public string? Costs { get; init; }

        public static Result From(List<double> latencies, long failures, TimeSpan elapsed)
        {
            latencies.Sort();
            double At(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            return new Result(latencies.Count, failures, latencies.Count / elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99),
                latencies.Count == 0 ? 0 : latencies[^1]);
        }

        public override string ToString() =>
            FormattableString.Invariant($"{PerSecond,10:F0}/s  p50 {P50:F2} ms  p95 {P95:F2} ms  p99 {P99:F2} ms  max {Max:F1} ms  ({Operations} ops, {Failures} failed)");
    }
}
