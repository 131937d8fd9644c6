using Ecommerce.Api.Catalog.Search;
using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// The search read model: the whole catalog in a purpose-built index in this process's memory
/// (<see cref="SearchIndex"/>: postings per word and per short prefix, typo neighbours precomputed, columns per
/// product), with a cache of whole answers in front. Writers add and replace products; <see cref="RefreshIfChanged"/>
/// (a background loop, never a query) publishes them to searches at once and drops the cached answers they could change.
/// </summary>
public sealed class CatalogIndex(int resultCacheSize = CatalogIndex.DefaultResultCacheSize)
{
    public const int DefaultResultCacheSize = 10_000;

    /// <summary>Replaced documents beyond this share of all and the index is rebuilt from its live products.</summary>
    private const double MaxReplacedShare = 0.25;

    private const int MinReplacedForRebuild = 10_000;

    private readonly Lock _write = new();
    private volatile SearchIndex _index = new();

    public ResultCache Cache { get; } = new(resultCacheSize);

    /// <summary>How searches count facets: <see cref="FacetCounting.Auto"/> but to compare the methods.</summary>
    public FacetCounting FacetCounting { get; init; }

    public int Count => _index.Count;

    /// <summary>Words in the vocabulary, and forms filed for typo look-ups.</summary>
    public (int Words, int TypoForms) Vocabulary => (_index.Words, _index.TypoForms);

    public Product? Get(string sku) => _index.Get(sku);

    /// <summary>Every product indexed now.</summary>
    public IReadOnlyCollection<Product> Products() => [.. _index.Products()];

    /// <summary>Adds or replaces products; older versions than the indexed one are ignored (pushes may reorder).</summary>
    public void Upsert(IEnumerable<Product> products)
    {
        lock (_write)
        {
            foreach (var product in products)
            {
                _index.Upsert(product);
            }
        }
    }

    /// <summary>Makes what was written visible to searches (dropping cached answers it could change); cheap when nothing changed.</summary>
    public bool RefreshIfChanged()
    {
        lock (_write)
        {
            var index = _index;
            if (index.Replaced > MinReplacedForRebuild && index.Replaced > MaxReplacedShare * (index.Count + index.Replaced))
            {
                // Replaced documents cost memory and skipped postings: start over from the live products.
                var rebuilt = new SearchIndex();
                foreach (var product in index.Products())
                {
                    rebuilt.Upsert(product);
                }

                rebuilt.Publish(null);
                rebuilt.Trim();
                Cache.Clear();
                _index = rebuilt;
                return true;
            }

            return index.Publish(Cache.Invalidate) is not null;
        }
    }

    /// <summary>Drops the spare room of the postings lists after a bulk load (they grow little afterwards).</summary>
    public void Compact()
    {
        lock (_write)
        {
            _index.Trim();
        }
    }

    public SearchPage Search(ProductQuery query, bool useCache = true) => Search(query, withFacets: true, useCache);

    /// <summary>
    /// Completions for a partly typed query: the products the same search ranks first (the last word matched as a
    /// prefix, names counting most), as SKU and name.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string text, int limit)
    {
        // Suggestions show no counts: the facet work of a full search would be thrown away on every keystroke.
        var page = Search(new ProductQuery(text, null, null, null, "relevance", 1, limit), withFacets: false, useCache: true);
        return [.. page.Skus.Select(Get).OfType<Product>().Select(p => new Suggestion(p.Sku, p.Details.Name))];
    }

    private SearchPage Search(ProductQuery query, bool withFacets, bool useCache)
    {
        var view = _index.View;
        var words = SearchText.Words(query.Text, QueryRun.MaxWords);
        if (!useCache || Cache.Capacity == 0)
        {
            return QueryRun.Run(view, query, words, withFacets, FacetCounting);
        }

        var texts = words.ConvertAll(w => w.Text);
        var key = new ResultKey(string.Join(' ', texts), query.Category is null ? null : SearchIndex.CategoryKey(query.Category),
            query.MinPrice, query.MaxPrice, query.Sort, query.Page, query.PageSize, withFacets);
        var hit = Cache.TryGet(key, out var cached);
        SearchMetrics.CacheLookup(hit);
        if (hit)
        {
            // The same words may be typed differently: say which were used in this query's own spelling.
            return cached with { MatchedQuery = QueryRun.Matched(query.Text, words, cached.MatchedWords) };
        }

        var page = QueryRun.Run(view, query, words, withFacets, FacetCounting);
        Cache.Add(key, texts, page, view.Generation);
        return page;
    }
}
