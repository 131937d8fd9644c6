using System.Globalization;
using System.Text.Json;
using static System.FormattableString;
using static Ecommerce.Benchmarks.Catalog.CatalogWorkload;

namespace Ecommerce.Benchmarks.Catalog;

/// <summary>
/// <c>summarize-catalog --dir DIR</c>: the table of tests/Benchmarks/catalog.sh from what its steps left in DIR
/// (LoadTest report.json files, the RESULT/HITS/INDEX/FRESHNESS lines, the script's setup.txt), the ratios last.
/// </summary>
public static class CatalogSummary
{
    public static int Run(string directory)
    {
        string In(string name) => Path.Combine(directory, name);
        var setup = File.ReadLines(In("setup.txt"))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var lines = new[] { "inprocess.txt", "postgres.txt", "freshness.txt" }
            .Where(f => File.Exists(In(f)))
            .SelectMany(f => File.ReadLines(In(f)))
            .Select(l => l.Split(' '))
            .ToList();
        string[]? Line(string tag, string name) => lines.FirstOrDefault(f => f.Length > 1 && f[0] == tag && f[1] == name);

        var search = FromReport(In("search64/report.json"));
        var search8 = FromReport(In("search8/report.json"));
        var zipf = FromReport(In("zipf64/report.json"));
        var reads = FromReport(In("reads/report.json"));
        var ceiling = FromReport(In("ceiling/report.json"));
        var inProcess = FromResult(Line("RESULT", "search-inprocess"));
        var postgresTop = FromResult(Line("RESULT", "search-postgres"));
        var postgres = FromResult(Line("RESULT", "search-postgres-answer"));
        var postgresZipf = FromResult(Line("RESULT", "search-postgres-answer-zipf"));
        var inProcessZipf = FromResult(Line("RESULT", "search-inprocess-zipf"));
        var rows = new (string Name, Row Row)[]
        {
            ("search over HTTP: GET /api/products?q=..., 64 connections", search),
            ("search over HTTP: GET /api/products?q=..., 8 connections", search8),
            ("search in-process: CatalogIndex.Search, 64 tasks, no HTTP", inProcess),
            ("baseline: PostgreSQL full-text, same answer (page, total, facets)", postgres),
            ("Zipf stream, search over HTTP (result cache), 64 connections", zipf),
            ("Zipf stream, search in-process (result cache), 64 tasks", inProcessZipf),
            ("Zipf stream, PostgreSQL full-text, same answer", postgresZipf),
            ("PostgreSQL full-text, top 20 SKUs only (less than the API answers)", postgresTop),
            ("product reads: GET /api/products/{sku}, hot set of 1,000", reads),
            ("ceiling: GET /api/ping, same API process", ceiling),
        };

        Console.WriteLine();
        Console.WriteLine(Invariant($"Catalog search, one machine: {Number(setup, "products")} products (seed {setup.GetValueOrDefault("seed")}), {Number(setup, "queries")} distinct queries, 64 concurrent clients unless said"));
        Console.WriteLine($"| {"measurement",-68} | {"per second",10} | {"p50 ms",8} | {"p95 ms",8} | {"p99 ms",8} | {"max ms",8} |");
        Console.WriteLine($"| {new string('-', 68)} | {new string('-', 10)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} | {new string('-', 8)} |");
        foreach (var (name, r) in rows)
        {
            Console.WriteLine(Invariant($"| {name,-68} | {r.PerSecond,10:F0} | {r.P50,8:F2} | {r.P95,8:F2} | {r.P99,8:F2} | {r.Max,8:F1} |"));
        }

        Console.WriteLine();
        foreach (var (name, r) in rows.Where(r => r.Row.Other > 0))
        {
            Console.WriteLine(Invariant($"WARNING: {name}: {r.Other} answers were not 200"));
        }

        Console.WriteLine($"query mix: {setup.GetValueOrDefault("mix")}");
        Console.WriteLine("uniform mix: every query as often as any other, sent with Cache-Control: no-cache (the API bypasses its result cache: the engine itself); Zipf stream: the same queries, the top 2% making half of the searches, through the result cache");
        if (long.TryParse(setup.GetValueOrDefault("zipf_cache_hits"), CultureInfo.InvariantCulture, out var cacheHits)
            && long.TryParse(setup.GetValueOrDefault("zipf_cache_misses"), CultureInfo.InvariantCulture, out var cacheMisses))
        {
            Console.WriteLine(Invariant($"result cache over HTTP, Zipf stream: {cacheHits:#,0} hits, {cacheMisses:#,0} misses ({100.0 * cacheHits / Math.Max(1, cacheHits + cacheMisses):F1}% hit rate)"));
        }

        if (Line("CACHE", "inprocess-zipf") is { } cache)
        {
            var (h, m) = (D(cache[2]), D(cache[3]));
            Console.WriteLine(Invariant($"result cache in-process, Zipf stream: {h:#,0} hits, {m:#,0} misses ({100 * h / Math.Max(1, h + m):F1}% hit rate), {cache[4]} of {cache[5]} entries held"));
        }
        foreach (var engine in new[] { ("inprocess", "our engine"), ("postgres", "PostgreSQL") })
        {
            if (Line("HITS", engine.Item1) is { } hits)
            {
                Console.WriteLine($"found nothing, {engine.Item2}: {hits[3]} of the first {hits[2]} queries ({string.Join(", ", hits.Skip(4))})");
            }
        }

        if (Line("DROPPED", "inprocess") is { } dropped)
        {
            Console.WriteLine($"words dropped (all together found nothing): {dropped[3]} of the first {dropped[2]} queries");
        }

        if (Line("INDEX", "inprocess") is { } built)
        {
            Console.WriteLine($"index in-process: {built[2]} products built in {built[3]} s; managed memory of the CatalogIndex (GC heap after - before) {built[4]} MB; {built[5]} words, {built[6]} typo forms");
        }

        if (Line("SNAPSHOT", "inprocess") is { } snapshot)
        {
            Console.WriteLine($"snapshot in-process: {snapshot[2]} MB, written in {snapshot[3]} s, read in {snapshot[4]} s, indexed in {snapshot[5]} s");
        }

        foreach (var name in new[] { "search-inprocess", "search-inprocess-zipf" })
        {
            if (Line("CPU", name) is { } cpu)
            {
                Console.WriteLine($"{name}: {cpu[2]} ms of CPU and {cpu[3]} bytes allocated per search (whole process, benchmark loop included; {cpu[4]} gen0 collections)");
            }
        }

        foreach (var (phase, row) in new[] { ("search64", search), ("search8", search8), ("zipf64", zipf) })
        {
            if (double.TryParse(setup.GetValueOrDefault($"{phase}_api_cpu_s"), CultureInfo.InvariantCulture, out var api)
                && double.TryParse(setup.GetValueOrDefault($"{phase}_generator_cpu_s"), CultureInfo.InvariantCulture, out var generator)
                && row.Count > 0)
            {
                Console.WriteLine(Invariant($"search over HTTP ({phase}): {1000 * api / row.Count:F3} ms of CPU per search in the API process, {1000 * generator / row.Count:F3} ms in the load generator on the same cores"));
            }
        }

        if (Line("INDEX", "postgres") is { } table)
        {
            Console.WriteLine($"PostgreSQL table: {table[2]} rows copied in {table[3]} s; GIN + btree indexes and ANALYZE in {table[4]} s");
        }

        Console.WriteLine($"catalog load: {setup.GetValueOrDefault("load")}");
        Console.WriteLine(Invariant($"API process working set (VmRSS): {Mb(setup, "api_rss_before_kb")} MB before the load, {Mb(setup, "api_rss_after_kb")} MB after (index of all products)"));
        Console.WriteLine($"snapshot of the first API process: {setup.GetValueOrDefault("snapshot_log")}");
        Console.WriteLine(Invariant($"a new API process joining the loaded cluster: ready after {setup.GetValueOrDefault("fresh_api_ready_s")} s; {setup.GetValueOrDefault("fresh_api_log")}; working set {Mb(setup, "fresh_api_rss_kb")} MB"));
        if (lines.FirstOrDefault(f => f[0] == "FRESHNESS") is { } fresh)
        {
            Console.WriteLine($"freshness: {fresh[1]} changes (PUT /api/products/{{sku}} with a new word, then search for it): found after p50 {fresh[2]} ms, max {fresh[3]} ms; PUT answered p50 {fresh[4]} ms; not found within 10 s: {fresh[6]}");
        }

        Console.WriteLine($"load average before/after: {setup.GetValueOrDefault("load_before")} / {setup.GetValueOrDefault("load_after")}");
        Console.WriteLine("PostgreSQL baseline: stored tsvector (name A, category B, description C), GIN index, websearch_to_tsquery, ts_rank; 'ratio search/postgres' is against the API's answer");
        Console.WriteLine();
        Console.WriteLine(Invariant($"ratio search/postgres, Zipf stream: {zipf.PerSecond / postgresZipf.PerSecond:F2}"));
        Console.WriteLine(Invariant($"ratio search/postgres: {search.PerSecond / postgres.PerSecond:F2}"));
        Console.WriteLine(Invariant($"ratio search-http/search-inprocess: {search.PerSecond / inProcess.PerSecond:F2}"));
        Console.WriteLine(Invariant($"ratio product-read/ceiling: {reads.PerSecond / ceiling.PerSecond:F2}"));
        return 0;
    }

    private static string Number(Dictionary<string, string> setup, string key) =>
        int.TryParse(setup.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var n) ? n.ToString("#,0", CultureInfo.InvariantCulture) : "?";

    private static string Mb(Dictionary<string, string> setup, string key) =>
        double.TryParse(setup.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var kb) ? (kb / 1024).ToString("F0", CultureInfo.InvariantCulture) : "?";

    private static Row FromReport(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var latency = root.GetProperty("latencyMs");
        var other = root.GetProperty("statusCounts").EnumerateObject().Where(p => p.Name != "200").Sum(p => p.Value.GetInt64());
        return new Row(root.GetProperty("requestsPerSecond").GetDouble(), latency.GetProperty("p50").GetDouble(),
            latency.GetProperty("p95").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble(), other,
            root.GetProperty("requests").GetInt64());
    }

    private static Row FromResult(string[]? f) => f is null
        ? new Row(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0)
        : new Row(D(f[3]), D(f[4]), D(f[5]), D(f[6]), D(f[7]), 0, 0);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private sealed record Row(double PerSecond, double P50, double P95, double P99, double Max, long Other, long Count);
}
