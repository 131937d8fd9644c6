using System.Globalization;
using System.Text.Json;

namespace Ecommerce.Benchmarks;

/// <summary>
/// <c>summarize</c>: reads the figures one benchmark run collected (LoadTest report.json files, pgbench's latency log,
/// the in-silo RESULT lines) and prints them side by side, the ratios last.
/// </summary>
public static class Summary
{
    public static int Run(string[] args)
    {
        var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string Need(string key) => options.TryGetValue(key, out var v) ? v : throw new ArgumentException($"summarize needs {key}");

        var hot = FromLoadReport(Need("--hot"), orders: true);
        var ceiling = FromLoadReport(Need("--ceiling"), orders: false);
        var baseline = FromPgbench(Need("--pgbench-log"), double.Parse(Need("--pgbench-seconds"), CultureInfo.InvariantCulture));
        var rows = new List<(string Name, Row Row)>
        {
            ("hot SKU: POST /api/orders over HTTP, PostgreSQL, durable", hot),
            ("ceiling: GET /api/ping, same API process", ceiling),
            ("baseline: PostgreSQL UPDATE ... WHERE qty > 0, one row (pgbench)", baseline),
        };
        if (options.TryGetValue("--in-silo", out var inSilo) && File.Exists(inSilo))
        {
            foreach (var line in File.ReadLines(inSilo).Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
            {
                var f = line.Split(' ');
                var name = f[1] switch
                {
                    "stock" => $"in-silo: one stock grain, reserve+confirm, {f[2]} storage",
                    "orders" => $"in-silo: whole order path (order grain), {f[2]} storage",
                    _ => $"in-silo: {f[1]} {f[2]}",
                };
                rows.Add((name, new Row(D(f[3]), D(f[4]), D(f[5]), D(f[6]), D(f[7]))));
            }
        }

        var concurrency = options.GetValueOrDefault("--concurrency", "64");
        Console.WriteLine();
        Console.WriteLine($"Flash sale, one machine, {concurrency} concurrent clients");
        Console.WriteLine($"| {"measurement",-66} | {"per second",10} | {"p50 ms",8} | {"p95 ms",8} | {"p99 ms",8} | {"max ms",8} |");
        Console.WriteLine($"| {new string('-', 66)} | {new string('-', 10)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} |");
        foreach (var (name, r) in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {name,-66} | {r.PerSecond,10:F0} | {r.P50,8:F2} | {r.P95,8:F2} | {r.P99,8:F2} | {r.Max,8:F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"ratio hot-sku/ceiling: {hot.PerSecond / ceiling.PerSecond:F2}"));
        Console.WriteLine(FormattableString.Invariant($"ratio hot-sku/baseline: {hot.PerSecond / baseline.PerSecond:F2}"));
        return 0;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static Row FromLoadReport(string path, bool orders)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var latency = root.GetProperty("latencyMs");
        var rate = root.GetProperty(orders ? "ordersPerSecond" : "requestsPerSecond").GetDouble();
        return new Row(rate, latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(),
            latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
    }

    /// <summary>pgbench --log lines: client, transaction, latency in microseconds, ...</summary>
    private static Row FromPgbench(string logPattern, double seconds)
    {
        var directory = Path.GetDirectoryName(logPattern) ?? ".";
        var latencies = Directory.GetFiles(directory, Path.GetFileName(logPattern) + "*")
            .SelectMany(File.ReadLines)
            .Select(l => l.Split(' '))
            .Where(f => f.Length >= 3)
            .Select(f => D(f[2]) / 1000.0)
            .ToList();
        var result = Measurement.Result.From(latencies, 0, TimeSpan.FromSeconds(seconds));
        return new Row(result.PerSecond, result.P50, result.P95, result.P99, result.Max);
    }

    private sealed record Row(double PerSecond, double P50, double P95, double P99, double Max);
}
