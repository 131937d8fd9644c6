using System.Globalization;
using System.Text;
using Bogus;

namespace Ecommerce.CatalogData;

/// <summary>What a shopper typed, as the benchmark sorts the queries.</summary>
public enum QueryKind
{
    /// <summary>One whole word of a product's name.</summary>
    OneWord,

    /// <summary>Two whole words of one product's name, in their order.</summary>
    TwoWords,

    /// <summary>One or two words, one of them (of 5+ letters) with one edit: a letter changed, dropped, added or swapped.</summary>
    Typo,

    /// <summary>One or two words, the last cut short as while typing.</summary>
    Prefix,
}

/// <summary>One search of <c>GET /api/products</c>: the words, the filters, the sort (null: the API's default).</summary>
public sealed record SearchQuery(QueryKind Kind, string Text, string? Category, decimal? MinPrice, decimal? MaxPrice, string? Sort)
{
    /// <summary>The request path, as the HTTP benchmark sends it (page 1, 20 a page: the API's defaults).</summary>
    public string ToPath()
    {
        var path = new StringBuilder("/api/products?q=").Append(Uri.EscapeDataString(Text));
        if (Category is not null)
        {
            path.Append("&category=").Append(Uri.EscapeDataString(Category));
        }

        if (MinPrice is { } min)
        {
            path.Append(CultureInfo.InvariantCulture, $"&minPrice={min}");
        }

        if (MaxPrice is { } max)
        {
            path.Append(CultureInfo.InvariantCulture, $"&maxPrice={max}");
        }

        if (Sort is not null)
        {
            path.Append("&sort=").Append(Uri.EscapeDataString(Sort));
        }

        return path.ToString();
    }
}

/// <summary>
/// The benchmark's query mix, drawn from a catalog's own words: a quarter each of one word, two words, a typo and a
/// prefix; a quarter of them filtered by the product's category, a fifth by the price range it falls in (the API's
/// facet ranges), a fifth sorted by price. Every query is distinct (as a request path), so that a result cache could
/// not carry the load. Deterministic for a catalog and a seed.
/// </summary>
public static class QueryMix
{
    /// <summary>The bounds of the API's price facets (API.md): [0, 10), [10, 25), ... [1000, ∞).</summary>
    public static readonly IReadOnlyList<decimal> PriceBounds = [10m, 25m, 50m, 100m, 250m, 500m, 1000m];

    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    public static IReadOnlyList<SearchQuery> Build(IReadOnlyList<CatalogProduct> products, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentOutOfRangeException.ThrowIfZero(products.Count);
        var random = new Randomizer(seed);
        // A typo that lands on another word of the catalog (beach -> beech) is no typo: the mix rejects it.
        var vocabulary = products.SelectMany(p => WordsOf(p.Name).Concat(WordsOf(p.Category))).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queries = new List<SearchQuery>(count);
        for (var attempt = 0; queries.Count < count && attempt < count * 20; attempt++)
        {
            var query = Next(random, products[random.Int(0, products.Count - 1)], vocabulary);
            if (query is not null && seen.Add(query.ToPath()))
            {
                queries.Add(query);
            }
        }

        return queries;
    }

    /// <summary>The words of a product's name a shopper would type: lower case, letters only, three or more.</summary>
    public static IReadOnlyList<string> WordsOf(string name) =>
        [.. name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .Where(w => w.Length >= 3 && w.All(char.IsAsciiLetterLower))];

    private static SearchQuery? Next(Randomizer random, CatalogProduct product, HashSet<string> vocabulary)
    {
        var words = WordsOf(product.Name);
        if (words.Count == 0)
        {
            return null;
        }

        var kind = (QueryKind)random.Int(0, 3);
        var text = kind switch
        {
            QueryKind.OneWord => random.Bool(0.15f) ? product.Category.ToLowerInvariant() : words[random.Int(0, words.Count - 1)],
            QueryKind.TwoWords => Two(random, words),
            QueryKind.Typo => Typo(random, words, vocabulary),
            _ => Prefix(random, words),
        };
        if (text is null)
        {
            return null;
        }

        var category = random.Bool(0.25f) ? product.Category : null;
        var (min, max) = random.Bool(0.2f) ? RangeOf(product.Price) : (null, null);
        var sort = random.Int(0, 9) switch
        {
            0 => "price",
            1 => "-price",
            _ => null,
        };
        return new SearchQuery(kind, text, category, min, max, sort);
    }

    private static string? Two(Randomizer random, IReadOnlyList<string> words)
    {
        if (words.Count < 2)
        {
            return null;
        }

        var first = random.Int(0, words.Count - 2);
        var second = random.Int(first + 1, words.Count - 1);
        return $"{words[first]} {words[second]}";
    }

    /// <summary>One edit in a word of 5+ letters that leaves it 5+ letters long (so the engine still allows an edit) and
    /// is not itself a word of the catalog.</summary>
    private static string? Typo(Randomizer random, IReadOnlyList<string> words, HashSet<string> vocabulary)
    {
        var candidates = words.Where(w => w.Length >= 5).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var word = random.ListItem(candidates);
        var at = random.Int(1, word.Length - 1);
        var edit = word.Length >= 6 ? random.Int(0, 3) : random.Int(1, 3);
        var letter = Letters[random.Int(0, Letters.Length - 1)];
        var typo = edit switch
        {
            0 => word.Remove(at, 1),
            1 => word.Insert(at, letter.ToString()),
            2 => string.Concat(word.AsSpan(0, at), letter.ToString(), word.AsSpan(at + 1)),
            _ => string.Concat(word.AsSpan(0, at - 1), word[at].ToString(), word[at - 1].ToString(), word.AsSpan(at + 1)),
        };
        if (vocabulary.Contains(typo))
        {
            return null;
        }

        var other = words.Where(w => w != word).ToList();
        return other.Count > 0 && random.Bool() ? $"{random.ListItem(other)} {typo}" : typo;
    }

    /// <summary>The last word cut to three or more letters, alone or after another word of the name.</summary>
    private static string? Prefix(Randomizer random, IReadOnlyList<string> words)
    {
        var candidates = words.Where(w => w.Length >= 4).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var word = random.ListItem(candidates);
        var prefix = word[..random.Int(3, word.Length - 1)];
        var other = words.Where(w => w != word).ToList();
        return other.Count > 0 && random.Bool() ? $"{random.ListItem(other)} {prefix}" : prefix;
    }

    private static (decimal? Min, decimal? Max) RangeOf(decimal price)
    {
        decimal lower = 0;
        foreach (var bound in PriceBounds)
        {
            if (price < bound)
            {
                return (lower, bound);
            }

            lower = bound;
        }

        return (lower, null);
    }

    /// <summary>
    /// A stream of picks from <paramref name="distinct"/> queries as shoppers make them: Zipf-distributed (the query of
    /// rank r with weight r^-<paramref name="exponent"/>), the ranks given to the queries in a seeded random order. At the
    /// default exponent 0.9 over 20,000 queries, the top 2% make half of the stream, as in real shop search logs.
    /// </summary>
    public static int[] ZipfStream(int distinct, int length, int seed, double exponent = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfZero(distinct);
        var random = new Random(seed);
        var queryOfRank = Enumerable.Range(0, distinct).ToArray();
        random.Shuffle(queryOfRank);
        var cumulative = new double[distinct];
        var sum = 0.0;
        for (var rank = 0; rank < distinct; rank++)
        {
            cumulative[rank] = sum += Math.Pow(rank + 1, -exponent);
        }

        var stream = new int[length];
        for (var i = 0; i < length; i++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            stream[i] = queryOfRank[Math.Min(at < 0 ? ~at : at, distinct - 1)];
        }

        return stream;
    }
}
