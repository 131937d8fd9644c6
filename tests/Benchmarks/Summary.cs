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
                var storage = f[2] switch
                {
                    "postgres" => "PostgreSQL group commit",
                    "adonet" => "PostgreSQL Orleans ADO.NET",
                    _ => f[2],
                };
                var name = f[1] switch
                {
                    "stock" => $"in-silo: one stock grain, reserve+confirm, {storage}",
                    "orders" => $"in-silo: whole order path (order grain), {storage}",
                    _ => $"in-silo: {f[1]} {storage}",
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

        var costs = options.TryGetValue("--costs-before", out var before) && options.TryGetValue("--costs-after", out var after)
            ? HotSkuCosts.Between(before, after)
            : null;
        costs?.Print();
        PrintInSiloCosts(options.GetValueOrDefault("--in-silo"));

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"ratio hot-sku/ceiling: {hot.PerSecond / ceiling.PerSecond:F2}"));
        Console.WriteLine(FormattableString.Invariant($"ratio hot-sku/baseline: {hot.PerSecond / baseline.PerSecond:F2}"));
        if (costs is not null)
        {
            Console.WriteLine(FormattableString.Invariant($"transactions per order: {costs.Per("transactions"):F2}"));
            Console.WriteLine(FormattableString.Invariant($"cpu ms per order: {costs.CpuMs("cpu_api") + costs.CpuMs("cpu_silo") + costs.CpuMs("cpu_postgres"):F3}"));
        }

        return 0;
    }

    /// <summary>The in-silo runs' own cost lines (<see cref="CostMeter"/>): per operation, inside the silo process.</summary>
    private static void PrintInSiloCosts(string? path)
    {
        var lines = path is not null && File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith("COST ", StringComparison.Ordinal)).ToList()
            : [];
        if (lines.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("In-silo, per operation, inside the silo process (PostgreSQL transactions counted in the database)");
        var columns = CostMeter.Columns.Split(' ');
        Console.WriteLine($"| {"run",-16} | {string.Join(" | ", columns.Select(c => $"{c,15}"))} |");
        Console.WriteLine($"| {new string('-', 16)} | {string.Join(" | ", columns.Select(_ => new string('-', 15)))} |");
        foreach (var f in lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            Console.WriteLine($"| {f[1] + " " + f[2],-16} | {string.Join(" | ", f.Skip(3).Take(columns.Length).Select(v => $"{v,15}"))} |");
        }
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

    /// <summary>The hot-SKU run's costs (tests/Benchmarks/costs.sh snapshots before and after the race), per confirmed order.</summary>
    private sealed class HotSkuCosts(Dictionary<string, double> delta, double ticksPerSecond)
    {
        private double Orders => Math.Max(1, delta.GetValueOrDefault("confirmed"));

        public static HotSkuCosts Between(string beforePath, string afterPath)
        {
            static Dictionary<string, double> Read(string path) => File.ReadLines(path)
                .Select(l => l.Split(' ', 2))
                .Where(f => f.Length == 2 && double.TryParse(f[1], CultureInfo.InvariantCulture, out _))
                .ToDictionary(f => f[0], f => D(f[1]));
            var (before, after) = (Read(beforePath), Read(afterPath));
            return new HotSkuCosts(after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key)),
                after.GetValueOrDefault("ticks_per_second", 100));
        }

        public double Per(string name) => delta.GetValueOrDefault(name) / Orders;

        public double CpuMs(string process) => delta.GetValueOrDefault(process) * 1000 / ticksPerSecond / Orders;

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"Hot SKU over HTTP, per confirmed order ({Orders:F0} confirmed during the race)"));
            Console.WriteLine($"| {"cost",-52} | {"per order",10} |");
            Console.WriteLine($"| {new string('-', 52)} | {new string('-', 10)} |");
            foreach (var (name, value) in new (string, double)[]
            {
                ("PostgreSQL transactions (xact_commit of the shop)", Per("transactions")),
                ("storage round trips (group-commit rounds)", Per("storage_rounds")),
                ("storage statements (rows in those rounds)", Per("storage_rows")),
                ("SQL operations (Npgsql, silo)", Per("sql_operations")),
                ("grain calls awaited (silo)", Per("grain_calls")),
                ("CPU ms, API process", CpuMs("cpu_api")),
                ("CPU ms, silo process", CpuMs("cpu_silo")),
                ("CPU ms, PostgreSQL (all its processes)", CpuMs("cpu_postgres")),
                ("CPU ms, load generator", CpuMs("cpu_loadgen")),
            })
            {
                Console.WriteLine(FormattableString.Invariant($"| {name,-52} | {value,10:F3} |"));
            }
        }
    }
}
