using System.Globalization;
using Ecommerce.Api.Catalog;
using Ecommerce.Catalog;
using Ecommerce.CatalogData;

namespace Ecommerce.Benchmarks.Catalog;

/// <summary>
/// What every measurement of tests/Benchmarks/catalog.sh shares: the generated catalog of N products for a seed, and
/// the query mix drawn from it (the HTTP run replays its paths from a file, the in-process and PostgreSQL runs use the
/// queries themselves, after checking that they are the file's lines in the file's order).
/// </summary>
public sealed record CatalogWorkload(int Products, int Seed, IReadOnlyList<SearchQuery> Queries)
{
    /// <summary>The hot set of product reads: this many SKUs spread over the catalog.</summary>
    public const int HotSkus = 1000;

    /// <summary>The queries counted for "found nothing", the same for every engine (the first of the mix).</summary>
    public const int HitSample = 2000;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CatalogWorkload Create(int products, int seed, int queries) =>
        new(products, seed, QueryMix.Build([.. CatalogGenerator.Generate(products, seed)], queries, seed));

    /// <summary>Picks of the Zipf stream: enough that a 20-second HTTP run does not go round it.</summary>
    public const int ZipfLength = 200_000;

    public IEnumerable<string> SearchPaths() => Queries.Select(q => q.ToPath());

    /// <summary>The same queries as shoppers repeat them (<see cref="QueryMix.ZipfStream"/>), in stream order.</summary>
    public int[] ZipfStream() => QueryMix.ZipfStream(Queries.Count, ZipfLength, Seed);

    public IEnumerable<string> ZipfPaths() => ZipfStream().Select(i => Queries[i].ToPath());

    /// <summary>GET paths of <see cref="HotSkus"/> distinct products, in a random order.</summary>
    public IEnumerable<string> ReadPaths()
    {
        var random = new Random(Seed);
        var picked = new HashSet<int>();
        while (picked.Count < Math.Min(HotSkus, Products))
        {
            picked.Add(random.Next(Products));
        }

        return picked.Select(i => $"/api/products/{CatalogGenerator.SkuOf(Seed, i)}");
    }

    /// <summary>Throws unless the file holds this mix's paths, in order: the engines must answer the same queries.</summary>
    public void EnsureSameAs(string pathsFile)
    {
        var lines = File.ReadAllLines(pathsFile).Where(l => l.Length > 0).ToList();
        if (!lines.SequenceEqual(SearchPaths()))
        {
            throw new InvalidOperationException($"{pathsFile} is not the query mix of {Products} products, seed {Seed}, {Queries.Count} queries.");
        }
    }

    /// <summary>The generated products as the API's index holds them (version 1, created a second apart).</summary>
    public static IEnumerable<Product> AsIndexed(IEnumerable<CatalogProduct> products) =>
        products.Select((p, i) => new Product(p.Sku, new ProductDetails(p.Name, p.Description, p.Category, p.Price, p.Currency, null, null),
            Epoch.AddSeconds(i), Epoch.AddSeconds(i), 1));

    /// <summary>The search the API runs for the query's path (page 1 of 20; relevance when there are words).</summary>
    public static ProductQuery ToProductQuery(SearchQuery query) =>
        new(query.Text, query.Category, query.MinPrice, query.MaxPrice, query.Sort ?? "relevance", 1, 20);
}
