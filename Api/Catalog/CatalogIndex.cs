using System.Collections.Concurrent;
using Ecommerce.Catalog;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// The search read model: a Lucene index of the whole catalog held in this process's memory. Writers add and replace
/// products; one <see cref="SearcherManager"/> serves every concurrent search and is refreshed from a background
/// loop (<see cref="RefreshIfChanged"/>), never per query.
/// </summary>
public sealed class CatalogIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly decimal[] PriceBounds = [10m, 25m, 50m, 100m, 250m, 500m, 1000m];

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = new ShopAnalyzer();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ConcurrentDictionary<string, Product> _products = new(StringComparer.Ordinal);
    private int _pending;

    public CatalogIndex()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    public int Count => _products.Count;

    public Product? Get(string sku) => _products.GetValueOrDefault(sku);

    /// <summary>Adds or replaces products; older versions than the indexed one are ignored (pushes may reorder).</summary>
    public void Upsert(IEnumerable<Product> products)
    {
        foreach (var product in products)
        {
            var kept = _products.AddOrUpdate(product.Sku, product, (_, known) => known.Version > product.Version ? known : product);
            if (ReferenceEquals(kept, product))
            {
                _writer.UpdateDocument(new Term(Fields.Sku, product.Sku), ToDocument(product));
                Interlocked.Increment(ref _pending);
            }
        }
    }

    /// <summary>Makes what was written visible to searches; cheap when nothing changed.</summary>
    public bool RefreshIfChanged()
    {
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return false;
        }

        _searchers.MaybeRefreshBlocking();
        return true;
    }

    public SearchPage Search(ProductQuery query)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var window = Math.Min(query.Page * query.PageSize, ProductQuery.MaxWindow);
            var top = TopFieldCollector.Create(SortOf(query.Sort), Math.Max(window, 1), fillFields: false, trackDocScores: false,
                trackMaxScore: false, docsScoredInOrder: false);
            var facets = new FacetCollector();
            searcher.Search(Build(query), MultiCollector.Wrap(top, facets));
            var hits = top.GetTopDocs((query.Page - 1) * query.PageSize, query.PageSize).ScoreDocs;
            return new SearchPage([.. hits.Select(h => searcher.Doc(h.Doc).Get(Fields.Sku))], facets.Total, facets.Result(PriceBounds));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Completions for a partly typed query: the products the same search ranks first (the last word matched as a
    /// prefix, names counting most), as SKU and name.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string text, int limit)
    {
        var page = Search(new ProductQuery(text, null, null, null, "relevance", 1, limit));
        return [.. page.Skus.Select(Get).OfType<Product>().Select(p => new Suggestion(p.Sku, p.Details.Name))];
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// Every word must match somewhere; a whole word beats a prefix of the word being typed, which beats a typo (one
    /// edit from 5 letters, two from 9); the name counts most, then the category, then the description; the exact
    /// name and the words as a phrase in the name rank first of all.
    /// </summary>
    private BooleanQuery Build(ProductQuery request)
    {
        var query = new BooleanQuery();
        var words = Words(request.Text);
        if (words.Count == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var any = new BooleanQuery(disableCoord: true);
            Add(any, new TermQuery(new Term(Fields.Name, word)), 6);
            Add(any, new TermQuery(new Term(Fields.Category, word)), 2);
            Add(any, new TermQuery(new Term(Fields.Description, word)), 1);
            if (i == words.Count - 1 && word.Length >= 2)
            {
                Add(any, new PrefixQuery(new Term(Fields.Name, word)), 3);
                Add(any, new PrefixQuery(new Term(Fields.Category, word)), 1);
                Add(any, new PrefixQuery(new Term(Fields.Description, word)), 0.5f);
            }

            var edits = word.Length >= 9 ? 2 : word.Length >= 5 ? 1 : 0;
            if (edits > 0)
            {
                Add(any, new FuzzyQuery(new Term(Fields.Name, word), edits, prefixLength: 0, maxExpansions: 20, transpositions: true), 2);
                Add(any, new FuzzyQuery(new Term(Fields.Category, word), edits, 0, 10, true), 0.7f);
                Add(any, new FuzzyQuery(new Term(Fields.Description, word), edits, 0, 20, true), 0.3f);
            }

            query.Add(any, Occur.MUST);
        }

        if (words.Count > 1)
        {
            var phrase = new PhraseQuery { Boost = 10 };
            foreach (var word in words)
            {
                phrase.Add(new Term(Fields.Name, word));
            }

            query.Add(phrase, Occur.SHOULD);
        }

        if (words.Count > 0)
        {
            query.Add(new TermQuery(new Term(Fields.NameExact, string.Join(' ', words))) { Boost = 20 }, Occur.SHOULD);
        }

        if (request.Category is { } category)
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term(Fields.CategoryKey, Key(category)))) { Boost = 0 }, Occur.MUST);
        }

        if (request.MinPrice is not null || request.MaxPrice is not null)
        {
            var range = NumericRangeQuery.NewDoubleRange(Fields.Price, (double?)request.MinPrice, (double?)request.MaxPrice, true, true);
            query.Add(new ConstantScoreQuery(range) { Boost = 0 }, Occur.MUST);
        }

        return query;
    }

    private static void Add(BooleanQuery query, Query clause, float boost)
    {
        clause.Boost = boost;
        query.Add(clause, Occur.SHOULD);
    }

    private static Sort SortOf(string sort) => sort switch
    {
        "price" => new Sort(new SortField(Fields.PriceValue, SortFieldType.DOUBLE), new SortField(Fields.SkuSort, SortFieldType.STRING)),
        "-price" => new Sort(new SortField(Fields.PriceValue, SortFieldType.DOUBLE, reverse: true), new SortField(Fields.SkuSort, SortFieldType.STRING)),
        "name" => new Sort(new SortField(Fields.NameSort, SortFieldType.STRING), new SortField(Fields.SkuSort, SortFieldType.STRING)),
        "newest" => new Sort(new SortField(Fields.Created, SortFieldType.INT64, reverse: true), new SortField(Fields.SkuSort, SortFieldType.STRING)),
        _ => new Sort(SortField.FIELD_SCORE, new SortField(Fields.SkuSort, SortFieldType.STRING)),
    };

    /// <summary>The words of a text as the index holds them.</summary>
    private List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        using var stream = _analyzer.GetTokenStream(Fields.Name, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && words.Count < 16)
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    private Document ToDocument(Product product)
    {
        var d = product.Details;
        return
        [
            new StringField(Fields.Sku, product.Sku, Field.Store.YES),
            new SortedDocValuesField(Fields.SkuSort, new BytesRef(product.Sku)),
            new TextField(Fields.Name, d.Name, Field.Store.NO),
            new StringField(Fields.NameExact, string.Join(' ', Words(d.Name)), Field.Store.NO),
            new SortedDocValuesField(Fields.NameSort, new BytesRef(d.Name.ToUpperInvariant())),
            new TextField(Fields.Description, d.Description, Field.Store.NO),
            new TextField(Fields.Category, d.Category, Field.Store.NO),
            new StringField(Fields.CategoryKey, Key(d.Category), Field.Store.NO),
            new SortedDocValuesField(Fields.CategoryValue, new BytesRef(d.Category)),
            new DoubleField(Fields.Price, (double)d.Price, Field.Store.NO),
            new DoubleDocValuesField(Fields.PriceValue, (double)d.Price),
            new NumericDocValuesField(Fields.Created, product.CreatedAt.UtcTicks),
        ];
    }

    private static string Key(string category) => category.Trim().ToUpperInvariant();

    private static class Fields
    {
        public const string Sku = "sku";
        public const string SkuSort = "sku_sort";
        public const string Name = "name";
        public const string NameExact = "name_exact";
        public const string NameSort = "name_sort";
        public const string Description = "description";
        public const string Category = "category";
        public const string CategoryKey = "category_key";
        public const string CategoryValue = "category_dv";
        public const string Price = "price";
        public const string PriceValue = "price_dv";
        public const string Created = "created";
    }

    /// <summary>Counts every match by category and price range (facets over all matches, before paging).</summary>
    private sealed class FacetCollector : ICollector
    {
        private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _ranges = [];
        private SortedDocValues? _category;
        private NumericDocValues? _price;
        private int[] _segmentCounts = [];

        public int Total { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            FlushSegment();
            _category = context.AtomicReader.GetSortedDocValues(Fields.CategoryValue);
            _price = context.AtomicReader.GetNumericDocValues(Fields.PriceValue);
            _segmentCounts = new int[_category?.ValueCount ?? 0];
        }

        public void Collect(int doc)
        {
            Total++;
            var ordinal = _category?.GetOrd(doc) ?? -1;
            if (ordinal >= 0)
            {
                _segmentCounts[ordinal]++;
            }

            if (_price is not null)
            {
                var price = (decimal)BitConverter.Int64BitsToDouble(_price.Get(doc));
                var bucket = Array.FindIndex(PriceBounds, bound => price < bound);
                bucket = bucket < 0 ? PriceBounds.Length : bucket;
                _ranges[bucket] = _ranges.GetValueOrDefault(bucket) + 1;
            }
        }

        public ProductFacets Result(decimal[] bounds)
        {
            FlushSegment();
            var categories = _categories.Select(c => new FacetCount(c.Key, c.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).ToList();
            var ranges = _ranges.OrderBy(r => r.Key)
                .Select(r => new PriceRangeCount(r.Key == 0 ? 0 : bounds[r.Key - 1], r.Key < bounds.Length ? bounds[r.Key] : null, r.Value))
                .ToList();
            return new ProductFacets(categories, ranges);
        }

        private void FlushSegment()
        {
            var scratch = new BytesRef();
            for (var ordinal = 0; ordinal < _segmentCounts.Length; ordinal++)
            {
                if (_segmentCounts[ordinal] > 0)
                {
                    _category!.LookupOrd(ordinal, scratch);
                    var value = scratch.Utf8ToString();
                    _categories[value] = _categories.GetValueOrDefault(value) + _segmentCounts[ordinal];
                }
            }

            _segmentCounts = [];
        }
    }
}
