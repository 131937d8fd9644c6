using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog;

/// <summary>The query of <c>GET /api/products</c>, validated.</summary>
public sealed record ProductQuery(
    string? Text, string? Category, decimal? MinPrice, decimal? MaxPrice, string Sort, int Page, int PageSize)
{
    public static readonly string[] Sorts = ["relevance", "price", "-price", "name", "newest"];
}

/// <summary>
/// Search over the whole catalog, read from the catalog shards: every word must match the name, description or
/// category, whole or as a prefix; name matches rank first.
/// </summary>
public sealed class ProductSearch(IClusterClient cluster)
{
    private static readonly decimal[] PriceBounds = [10m, 25m, 50m, 100m, 250m, 500m, 1000m];

    public async Task<(IReadOnlyList<Product> Page, int Total, ProductFacets Facets)> SearchAsync(ProductQuery query)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, CatalogShards.Count)
            .Select(i => cluster.Grain<ICatalogShardGrain>(i).ListAsync()));
        var words = Words(query.Text);

        var textMatches = shards.SelectMany(s => s)
            .Select(p => (Product: p, Score: Score(p, words)))
            .Where(m => m.Score > 0)
            .ToList();
        var matches = textMatches
            .Where(m => query.Category is null || string.Equals(m.Product.Details.Category, query.Category, StringComparison.OrdinalIgnoreCase))
            .Where(m => query.MinPrice is not { } min || m.Product.Details.Price >= min)
            .Where(m => query.MaxPrice is not { } max || m.Product.Details.Price <= max)
            .ToList();

        IEnumerable<(Product Product, double Score)> ordered = query.Sort switch
        {
            "price" => matches.OrderBy(m => m.Product.Details.Price),
            "-price" => matches.OrderByDescending(m => m.Product.Details.Price),
            "name" => matches.OrderBy(m => m.Product.Details.Name, StringComparer.OrdinalIgnoreCase),
            "newest" => matches.OrderByDescending(m => m.Product.CreatedAt),
            _ => matches.OrderByDescending(m => m.Score),
        };
        var page = ((IOrderedEnumerable<(Product Product, double Score)>)ordered).ThenBy(m => m.Product.Sku, StringComparer.Ordinal)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(m => m.Product)
            .ToList();
        return (page, matches.Count, Facets(matches.Select(m => m.Product)));
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, int limit)
    {
        var (page, _, _) = await SearchAsync(new ProductQuery(text, null, null, null, "relevance", 1, limit));
        return [.. page.Select(p => new Suggestion(p.Sku, p.Details.Name))];
    }

    private static string[] Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split((char[])[' ', '\t', ',', '.', '-', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.ToUpperInvariant())
                .ToArray();

    /// <summary>0 when some word is missing; otherwise higher for whole words and for matches in the name.</summary>
    private static double Score(Product product, string[] words)
    {
        if (words.Length == 0)
        {
            return 1;
        }

        var name = Words(product.Details.Name);
        var rest = Words($"{product.Details.Description} {product.Details.Category}");
        double score = 0;
        foreach (var word in words)
        {
            var inName = Match(name, word);
            var inRest = Match(rest, word);
            if (inName == 0 && inRest == 0)
            {
                return 0;
            }

            score += (3 * inName) + inRest;
        }

        return score;
    }

    private static double Match(string[] field, string word) =>
        field.Contains(word) ? 2 : field.Any(f => f.StartsWith(word, StringComparison.Ordinal)) ? 1 : 0;

    private static ProductFacets Facets(IEnumerable<Product> matches)
    {
        var list = matches.ToList();
        var categories = list.GroupBy(p => p.Details.Category, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetCount(g.First().Details.Category, g.Count()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();
        var ranges = new List<PriceRangeCount>();
        var lower = 0m;
        foreach (var upper in PriceBounds.Cast<decimal?>().Append(null))
        {
            var count = list.Count(p => p.Details.Price >= lower && (upper is null || p.Details.Price < upper));
            if (count > 0)
            {
                ranges.Add(new PriceRangeCount(lower, upper, count));
            }

            lower = upper ?? lower;
        }

        return new ProductFacets(categories, ranges);
    }
}
