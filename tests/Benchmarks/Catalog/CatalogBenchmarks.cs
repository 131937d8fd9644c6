using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Api.Catalog;
using Ecommerce.CatalogData;
using Npgsql;
using NpgsqlTypes;
using static System.FormattableString;
using static Ecommerce.Benchmarks.Catalog.CatalogWorkload;

namespace Ecommerce.Benchmarks.Catalog;

/// <summary>
/// The measurements of tests/Benchmarks/catalog.sh that are not the HTTP load itself (LoadTest's <c>paths</c> command
/// does that), each printing <c>RESULT</c>/<c>HITS</c>/<c>INDEX</c> lines for <c>summarize-catalog</c>:
///   catalog-queries   --products N --seed S --queries Q --out DIR   writes search.paths, zipf.paths and reads.paths
///   search-inprocess  ... --paths FILE                              CatalogIndex.Search from C tasks, no HTTP: the
///                                                                   uniform mix (cache bypassed), then the Zipf stream
///   search-postgres   ... --paths FILE --postgres CS                the same queries as PostgreSQL full-text search
///   freshness         --api URL --products N --seed S [--changes 100]   admin change to found by a search
/// Common options: --concurrency 64 --duration 20.
/// </summary>
public static class CatalogBenchmarks
{
    public static readonly string[] Commands = ["catalog-queries", "search-inprocess", "search-postgres", "freshness", "summarize-catalog"];

    public static async Task<int> RunAsync(string command, string[] args)
    {
        var options = CatalogOptions.Parse(args);
        switch (command)
        {
            case "catalog-queries":
                return WriteQueries(options);
            case "search-inprocess":
                return await InProcessAsync(options);
            case "search-postgres":
                return await PostgresAsync(options);
            case "freshness":
                return await FreshnessAsync(options);
            case "summarize-catalog":
                return CatalogSummary.Run(options.Require("dir"));
            default:
                Console.Error.WriteLine($"unknown benchmark '{command}'");
                return 2;
        }
    }

    private static int WriteQueries(CatalogOptions options)
    {
        var workload = Create(options.Products, options.Seed, options.Queries);
        var directory = options.Require("out");
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "search.paths"), workload.SearchPaths());
        File.WriteAllLines(Path.Combine(directory, "zipf.paths"), workload.ZipfPaths());
        File.WriteAllLines(Path.Combine(directory, "reads.paths"), workload.ReadPaths());
        var kinds = string.Join(", ", workload.Queries.GroupBy(q => q.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine(Invariant($"QUERIES {workload.Queries.Count} distinct ({kinds}); with category {workload.Queries.Count(q => q.Category is not null)}, with price range {workload.Queries.Count(q => q.MinPrice is not null)}, sorted by price {workload.Queries.Count(q => q.Sort is not null)}"));
        return 0;
    }

    /// <summary>The workload of the options, checked against the query file the HTTP runs replayed, when given.</summary>
    private static CatalogWorkload SameWorkload(CatalogOptions options)
    {
        var workload = Create(options.Products, options.Seed, options.Queries);
        if (options.Text("paths") is { } paths)
        {
            workload.EnsureSameAs(paths);
        }

        return workload;
    }

    /// <summary>
    /// The engine's own limit: the same index class the API uses, built here from the same products. The uniform mix
    /// bypasses the result cache (it measures the engine); the Zipf stream goes through it, as the API's searches do.
    /// </summary>
    private static async Task<int> InProcessAsync(CatalogOptions options)
    {
        var workload = SameWorkload(options);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new CatalogIndex();
        var build = new Stopwatch();
        foreach (var chunk in AsIndexed(CatalogGenerator.Generate(options.Products, options.Seed)).Chunk(10_000))
        {
            build.Start();
            index.Upsert(chunk);
            build.Stop();
        }

        build.Start();
        index.RefreshIfChanged();
        index.Compact();
        build.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var (words, forms) = index.Vocabulary;
        Console.WriteLine(Invariant($"INDEX inprocess {index.Count} {build.Elapsed.TotalSeconds:F2} {(after - before) / 1048576.0:F0} {words} {forms}"));
        PrintSnapshotTimes(index);

        var zero = workload.Queries.Take(HitSample).Where(q => index.Search(ToProductQuery(q), useCache: false).Total == 0);
        PrintHits("inprocess", workload.Queries.Take(HitSample), [.. zero]);
        var dropped = workload.Queries.Take(HitSample).Count(q => index.Search(ToProductQuery(q), useCache: false).MatchedWords < QueryWords(q));
        Console.WriteLine(Invariant($"DROPPED inprocess {HitSample} {dropped}"));

        var queries = workload.Queries.Select(ToProductQuery).ToArray();
        await MeasureAsync("search-inprocess", options, i => index.Search(queries[i % queries.Length], useCache: false));

        var zipf = workload.ZipfStream();
        var (hits, misses) = (index.Cache.Hits, index.Cache.Misses);
        await MeasureAsync("search-inprocess-zipf", options, i => index.Search(queries[zipf[i % zipf.Length]]));
        (hits, misses) = (index.Cache.Hits - hits, index.Cache.Misses - misses);
        Console.WriteLine(Invariant($"CACHE inprocess-zipf {hits} {misses} {index.Cache.Count} {index.Cache.Capacity}"));
        return 0;
    }

    /// <summary>Words of a query as the engine reads them (a typo query's words count too).</summary>
    private static int QueryWords(SearchQuery query) => Ecommerce.Api.Catalog.Search.SearchText.Words(query.Text).Count;

    /// <summary>
    /// Searches from C tasks for the run's duration (after a warm-up): rate and latency, then CPU and managed
    /// allocations per search over the whole process (the benchmark's own loop included; it allocates one task a search).
    /// </summary>
    private static async Task MeasureAsync(string name, CatalogOptions options, Func<long, SearchPage> search)
    {
        var next = -1L;
        async Task<bool> SearchOnce(int worker)
        {
            // Yield first, so 64 loops take turns on the pool's threads as 64 clients would (and the wait counts).
            await Task.Yield();
            search(Interlocked.Increment(ref next));
            return true;
        }

        await Measurement.RunAsync(options.Concurrency, TimeSpan.FromSeconds(2), SearchOnce);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var collections = GC.CollectionCount(0);
        var result = await Measurement.RunAsync(options.Concurrency, options.Duration, SearchOnce);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        PrintResult(name, options.Concurrency, result);
        Console.WriteLine(Invariant($"CPU {name} {cpu.TotalMilliseconds / result.Operations:F4} {allocated / (double)result.Operations:F0} {GC.CollectionCount(0) - collections}"));
    }

    /// <summary>How long the snapshot of this catalog takes to write, and to read back and index (a new API process's start).</summary>
    private static void PrintSnapshotTimes(CatalogIndex index)
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-bench-{Environment.ProcessId}.snapshot");
        try
        {
            var clock = Stopwatch.StartNew();
            Ecommerce.Api.Catalog.CatalogSnapshot.Save(path, new Ecommerce.Catalog.FeedPosition(Guid.NewGuid(), 1), index.Products());
            var save = clock.Elapsed;
            clock.Restart();
            var loaded = Ecommerce.Api.Catalog.CatalogSnapshot.Load(path)!.Value;
            var read = clock.Elapsed;
            var again = new CatalogIndex();
            again.Upsert(loaded.Products);
            again.RefreshIfChanged();
            again.Compact();
            Console.WriteLine(Invariant($"SNAPSHOT inprocess {new FileInfo(path).Length / 1048576.0:F0} {save.TotalSeconds:F2} {read.TotalSeconds:F2} {(clock.Elapsed - read).TotalSeconds:F2}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The baseline: the same products in a table with a stored tsvector (name A, category B, description C) under a
    /// GIN index, each query as websearch_to_tsquery ranked by ts_rank, its filters and price sort in SQL, LIMIT 20.
    /// Measured twice: the top 20 SKUs alone, and the answer the API gives (the page's products, the total and the
    /// category and price facets over all matches), which is the like-for-like comparison.
    /// </summary>
    private static async Task<int> PostgresAsync(CatalogOptions options)
    {
        var workload = SameWorkload(options);

        var connection = new NpgsqlConnectionStringBuilder(options.Require("postgres"))
        {
            MaxPoolSize = options.Concurrency + 4,
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
            // At a million rows a broad word ranks hundreds of thousands of matches: under 64 concurrent queries some
            // take longer than Npgsql's default 30 s, and a slow answer is a measurement, not a failure.
            CommandTimeout = 600,
        };
        await using var source = NpgsqlDataSource.Create(connection.ConnectionString);
        var (load, indexing) = await LoadTableAsync(source, options);
        Console.WriteLine(Invariant($"INDEX postgres {options.Products} {load.TotalSeconds:F2} {indexing.TotalSeconds:F2}"));

        var sample = workload.Queries.Take(HitSample).ToList();
        var found = new int[sample.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sample.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (i, _) => found[i] = await SearchAsync(source, sample[i]));
        PrintHits("postgres", sample, [.. sample.Where((_, i) => found[i] == 0)]);

        var queries = workload.Queries.ToArray();
        var uniform = Enumerable.Range(0, queries.Length).ToArray();
        var zipf = workload.ZipfStream();
        foreach (var (name, fullAnswer, order) in new[] { ("search-postgres", false, uniform), ("search-postgres-answer", true, uniform), ("search-postgres-answer-zipf", true, zipf) })
        {
            var next = -1L;
            var result = await Measurement.RunAsync(options.Concurrency, options.Duration, async _ =>
            {
                await SearchAsync(source, queries[order[Interlocked.Increment(ref next) % order.Length]], fullAnswer);
                return true;
            }, warmup: TimeSpan.FromSeconds(2));
            PrintResult(name, options.Concurrency, result);
        }

        return 0;
    }

    /// <summary>The API's price facet ranges as a PostgreSQL array for width_bucket.</summary>
    private static readonly string PriceBuckets = $"ARRAY[{string.Join(", ", QueryMix.PriceBounds.Select(b => b.ToString(CultureInfo.InvariantCulture)))}]::numeric[]";

    private static async Task<(TimeSpan Load, TimeSpan Index)> LoadTableAsync(NpgsqlDataSource source, CatalogOptions options)
    {
        await using (var create = source.CreateCommand("""
            DROP TABLE IF EXISTS products;
            CREATE TABLE products (
                sku text PRIMARY KEY,
                name text NOT NULL,
                description text NOT NULL,
                category text NOT NULL,
                price numeric(12, 2) NOT NULL,
                document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', name), 'A') ||
                    setweight(to_tsvector('english', category), 'B') ||
                    setweight(to_tsvector('english', description), 'C')) STORED);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var connection = await source.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY products (sku, name, description, category, price) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in CatalogGenerator.Generate(options.Products, options.Seed))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Text);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Text);
                await copy.WriteAsync(p.Description, NpgsqlDbType.Text);
                await copy.WriteAsync(p.Category, NpgsqlDbType.Text);
                await copy.WriteAsync(p.Price, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        var load = clock.Elapsed;
        clock.Restart();
        await using (var index = source.CreateCommand("""
            CREATE INDEX products_document ON products USING GIN (document);
            CREATE INDEX products_category ON products (category);
            CREATE INDEX products_price ON products (price);
            ANALYZE products;
            """))
        {
            index.CommandTimeout = 1800;
            await index.ExecuteNonQueryAsync();
        }

        return (load, clock.Elapsed);
    }

    /// <summary>
    /// One query of the mix in SQL; answers how many rows (at most 20) it found. With <paramref name="fullAnswer"/>, one
    /// statement also returns what the API's answer holds besides the page: the total and the facet counts.
    /// </summary>
    private static async Task<int> SearchAsync(NpgsqlDataSource source, SearchQuery query, bool fullAnswer = false)
    {
        await using var command = source.CreateCommand();
        var where = "document @@ query";
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Text });
        if (query.Category is { } category)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = category });
            where += $" AND category = ${command.Parameters.Count}";
        }

        if (query.MinPrice is { } min)
        {
            command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = min });
            where += $" AND price >= ${command.Parameters.Count}";
        }

        if (query.MaxPrice is { } max)
        {
            command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = max });
            where += $" AND price <= ${command.Parameters.Count}";
        }

        var order = query.Sort switch
        {
            "price" => "price, sku",
            "-price" => "price DESC, sku",
            _ => "ts_rank(document, query) DESC, sku",
        };
        command.CommandText = fullAnswer
            ? $"""
              WITH matches AS (
                  SELECT sku, name, description, category, price, ts_rank(document, query) AS rank
                  FROM products, websearch_to_tsquery('english', $1) AS query WHERE {where})
              SELECT sku, name, description, category, price, NULL::bigint, NULL::text FROM (
                  SELECT * FROM matches ORDER BY {order.Replace("ts_rank(document, query)", "rank", StringComparison.Ordinal)} LIMIT 20) AS page
              UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, count(*), NULL FROM matches
              UNION ALL SELECT NULL, NULL, NULL, category, NULL, count(*), 'category' FROM matches GROUP BY category
              UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, count(*), width_bucket(price, {PriceBuckets})::text FROM matches GROUP BY 7
              """
            : $"SELECT sku FROM products, websearch_to_tsquery('english', $1) AS query WHERE {where} ORDER BY {order} LIMIT 20";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            // Page rows carry a SKU; the total and facet rows that follow do not.
            if (!reader.IsDBNull(0))
            {
                rows++;
            }
        }

        return rows;
    }

    /// <summary>
    /// Freshness: an admin renames a product with a new word (PUT /api/products/{sku}), then searches for that word
    /// until the product is found; from sending the change to the first search that finds it. One change at a time.
    /// </summary>
    private static async Task<int> FreshnessAsync(CatalogOptions options)
    {
        using var http = new HttpClient { BaseAddress = new Uri(options.Require("api")), Timeout = TimeSpan.FromSeconds(30) };
        var email = options.Text("admin-email") ?? Environment.GetEnvironmentVariable("ADMIN_EMAIL") ?? throw new ArgumentException("ADMIN_EMAIL is not set");
        var password = options.Text("admin-password") ?? Environment.GetEnvironmentVariable("ADMIN_PASSWORD") ?? throw new ArgumentException("ADMIN_PASSWORD is not set");
        using var login = await http.PostAsJsonAsync("api/auth/token", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();

        var random = new Random(options.Seed + 17);
        var skus = new HashSet<string>(StringComparer.Ordinal);
        while (skus.Count < Math.Min(options.Changes, options.Products))
        {
            skus.Add(CatalogGenerator.SkuOf(options.Seed, random.Next(options.Products)));
        }

        var (found, answered, missed) = (new List<double>(), new List<double>(), 0);
        foreach (var sku in skus)
        {
            var product = (await http.GetFromJsonAsync<JsonObject>($"api/products/{sku}"))!;
            var word = "fresh" + new string([.. Enumerable.Range(0, 10).Select(_ => (char)('a' + random.Next(26)))]);
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/products/{sku}")
            {
                Content = JsonContent.Create(new
                {
                    name = $"{product["name"]!.GetValue<string>()} {word}",
                    description = product["description"]!.GetValue<string>(),
                    category = product["category"]!.GetValue<string>(),
                    price = product["price"]!.GetValue<decimal>(),
                    currency = product["currency"]!.GetValue<string>(),
                }),
            };
            put.Headers.Authorization = new("Bearer", token);

            var sent = Stopwatch.GetTimestamp();
            using (var response = await http.SendAsync(put))
            {
                response.EnsureSuccessStatusCode();
            }

            answered.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            while (!await FindsAsync(http, word, sku))
            {
                if (Stopwatch.GetElapsedTime(sent) > TimeSpan.FromSeconds(10))
                {
                    missed++;
                    break;
                }
            }

            found.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }

        var f = Measurement.Result.From(found, missed, TimeSpan.FromSeconds(1));
        var a = Measurement.Result.From(answered, 0, TimeSpan.FromSeconds(1));
        Console.WriteLine(Invariant($"freshness: {found.Count} changes, found by search after p50 {f.P50:F1} ms, max {f.Max:F1} ms ({missed} not found within 10 s); PUT answered after p50 {a.P50:F1} ms, max {a.Max:F1} ms"));
        Console.WriteLine(Invariant($"FRESHNESS {found.Count} {f.P50:F3} {f.Max:F3} {a.P50:F3} {a.Max:F3} {missed}"));
        return missed == 0 ? 0 : 1;
    }

    private static async Task<bool> FindsAsync(HttpClient http, string word, string sku)
    {
        var page = (await http.GetFromJsonAsync<JsonObject>($"api/products?q={word}&pageSize=5"))!;
        return page["items"]!.AsArray().Any(item => item!["sku"]!.GetValue<string>() == sku);
    }

    private static void PrintHits(string engine, IEnumerable<SearchQuery> asked, IReadOnlyList<SearchQuery> foundNothing)
    {
        var total = asked.Count();
        var byKind = string.Join(" ", Enum.GetValues<QueryKind>().Select(k => $"{k}={foundNothing.Count(q => q.Kind == k)}/{asked.Count(q => q.Kind == k)}"));
        Console.WriteLine(Invariant($"HITS {engine} {total} {foundNothing.Count} {byKind}"));
    }

    private static void PrintResult(string name, int concurrency, Measurement.Result result)
    {
        Console.WriteLine(Invariant($"{name} ({concurrency} concurrent): {result}"));
        Console.WriteLine(Invariant($"RESULT {name} {concurrency} {result.PerSecond:F1} {result.P50:F3} {result.P95:F3} {result.P99:F3} {result.Max:F3}"));
    }

    private sealed class CatalogOptions
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public int Products => Int("products", 100_000);
        public int Seed => Int("seed", 1);
        public int Queries => Int("queries", 20_000);
        public int Concurrency => Int("concurrency", 64);
        public int Changes => Int("changes", 100);
        public TimeSpan Duration => TimeSpan.FromSeconds(Int("duration", 20));

        public static CatalogOptions Parse(string[] args)
        {
            var options = new CatalogOptions();
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"expected --name value, got '{args[i]}'");
                }

                options._values[args[i][2..]] = args[i + 1];
            }

            return options;
        }

        public string? Text(string name) => _values.GetValueOrDefault(name);

        public string Require(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required");

        private int Int(string name, int fallback) =>
            Text(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
