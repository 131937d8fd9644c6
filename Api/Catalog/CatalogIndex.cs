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
    private static readonly ProductFacets NoFacets = new([], []);

    private readonly RAMDirectory _directory = new LockFreeRamDirectory();
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
            // Each file on its own: reads of a compound file's slices lock the one shared input, which serialized
            // concurrent searches (17% of a search's CPU was spent waiting on that lock under 64 concurrent ones).
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new WarmingSearcherFactory());
    }

    public int Count => _products.Count;

    /// <summary>The typo automata shared by the fuzzy clauses of all searches (its hit rate is worth watching).</summary>
    public TypoAutomata Typos { get; } = new();

    public Product? Get(string sku) => _products.GetValueOrDefault(sku);

    /// <summary>Segments of the searchable index now (each search visits every one).</summary>
    public int Segments
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

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

    /// <summary>
    /// Makes what was written visible to searches, and segments merged in the background since the last refresh (a
    /// merge is no write of ours, yet searches over fewer segments are faster); cheap when nothing changed.
    /// </summary>
    public bool RefreshIfChanged()
    {
        if (Interlocked.Exchange(ref _pending, 0) == 0 && _searchers.IsSearcherCurrent())
        {
            return false;
        }

        _searchers.MaybeRefreshBlocking();
        return true;
    }

    /// <summary>
    /// Merges the index into one segment; searches go on meanwhile and see it at the next refresh. Every search visits
    /// every segment, and a bulk load leaves several (one per indexing thread and flush): worth it once after a
    /// rebuild, not after each change (the merge policy keeps the segments of small changes few).
    /// </summary>
    public void MergeSegments() => _writer.ForceMerge(1);

    public SearchPage Search(ProductQuery query) => Search(query, withFacets: true);

    /// <summary>The page of SKUs; the total and facets only when asked for (counting them visits every match).</summary>
    private SearchPage Search(ProductQuery query, bool withFacets)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var window = Math.Min(query.Page * query.PageSize, ProductQuery.MaxWindow);
            var top = TopFieldCollector.Create(SortOf(query.Sort), Math.Max(window, 1), fillFields: false, trackDocScores: false,
                trackMaxScore: false, docsScoredInOrder: true);
            var facets = withFacets ? new FacetCollector() : null;
            searcher.Search(Build(query), facets is null ? top : MultiCollector.Wrap(top, facets));
            var hits = top.GetTopDocs((query.Page - 1) * query.PageSize, query.PageSize).ScoreDocs;
            return new SearchPage(SkusOf(searcher, hits), facets?.Total ?? top.TotalHits, facets?.Result() ?? NoFacets);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The SKUs of hits, from the field cache the sort uses: no stored document to decompress.</summary>
    private static string[] SkusOf(IndexSearcher searcher, ScoreDoc[] hits)
    {
        var leaves = searcher.IndexReader.Leaves;
        var scratch = new BytesRef();
        var skus = new string[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hits[i].Doc, leaves)];
            FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, Fields.Sku).Get(hits[i].Doc - leaf.DocBase, scratch);
            skus[i] = scratch.Utf8ToString();
        }

        return skus;
    }

    /// <summary>
    /// Completions for a partly typed query: the products the same search ranks first (the last word matched as a
    /// prefix, names counting most), as SKU and name.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string text, int limit)
    {
        // Suggestions show no counts: the facet work of a full search would be thrown away on every keystroke.
        var page = Search(new ProductQuery(text, null, null, null, "relevance", 1, limit), withFacets: false);
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
                Add(any, Typos.Query(Fields.Name, word, edits, maxExpansions: 20), 2);
                Add(any, Typos.Query(Fields.Category, word, edits, maxExpansions: 10), 0.7f);
                Add(any, Typos.Query(Fields.Description, word, edits, maxExpansions: 20), 0.3f);
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

    /// <summary>The tie-break of every sort, so paging is stable.</summary>
    private static readonly SortField BySku = new(Fields.Sku, SortFieldType.STRING);

    // Built once: a Sort only describes the order, and every concurrent search may share it.
    private static readonly Sort ByPrice = new(new SortField(Fields.Price, FieldCache.NUMERIC_UTILS_DOUBLE_PARSER), BySku);
    private static readonly Sort ByPriceDescending = new(new SortField(Fields.Price, FieldCache.NUMERIC_UTILS_DOUBLE_PARSER, reverse: true), BySku);
    private static readonly Sort ByName = new(new SortField(Fields.NameSort, SortFieldType.STRING), BySku);
    private static readonly Sort ByNewest = new(new SortField(Fields.Created, SortFieldType.INT64, reverse: true), BySku);
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, BySku);

    private static Sort SortOf(string sort) => sort switch
    {
        "price" => ByPrice,
        "-price" => ByPriceDescending,
        "name" => ByName,
        "newest" => ByNewest,
        _ => ByRelevance,
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
            new StringField(Fields.Sku, product.Sku, Field.Store.NO),
            new TextField(Fields.Name, d.Name, Field.Store.NO),
            new StringField(Fields.NameExact, string.Join(' ', Words(d.Name)), Field.Store.NO),
            new SortedDocValuesField(Fields.NameSort, new BytesRef(d.Name.ToUpperInvariant())),
            new TextField(Fields.Description, d.Description, Field.Store.NO),
            new TextField(Fields.Category, d.Category, Field.Store.NO),
            new StringField(Fields.CategoryKey, Key(d.Category), Field.Store.NO),
            new StringField(Fields.CategoryValue, d.Category, Field.Store.NO),
            new DoubleField(Fields.Price, (double)d.Price, Field.Store.NO),
            new NumericDocValuesField(Fields.Created, product.CreatedAt.UtcTicks),
        ];
    }

    private static string Key(string category) => category.Trim().ToUpperInvariant();

    private static class Fields
    {
        public const string Sku = "sku";
        public const string Name = "name";
        public const string NameExact = "name_exact";
        public const string NameSort = "name_sort";
        public const string Description = "description";
        public const string Category = "category";
        public const string CategoryKey = "category_key";
        public const string CategoryValue = "category_value";
        public const string Price = "price";
        public const string Created = "created";
    }

    /// <summary>
    /// The values searches read per matching document (SKU and price for sorting, category and price for facets) are
    /// uninverted once per segment into arrays of the field cache, here, when a refresh opens a new searcher, rather
    /// than by the first search to touch a new segment. Read from arrays, they take no lock: doc values read from a
    /// RAMDirectory file lock it at every 1 kB buffer, which serialized concurrent searches.
    /// </summary>
    private sealed class WarmingSearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, Fields.Sku);
                FieldCache.DEFAULT.GetTermsIndex(leaf.AtomicReader, Fields.CategoryValue);
                FieldCache.DEFAULT.GetDoubles(leaf.AtomicReader, Fields.Price, FieldCache.NUMERIC_UTILS_DOUBLE_PARSER, setDocsWithField: false);
            }

            return new IndexSearcher(reader);
        }
    }

    /// <summary>Counts every match by category and price range (facets over all matches, before paging).</summary>
    private sealed class FacetCollector : ICollector
    {
        private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
        private static readonly double[] Bounds = [.. PriceBounds.Select(b => (double)b)];
        private readonly int[] _ranges = new int[PriceBounds.Length + 1];
        private SortedDocValues? _category;
        private FieldCache.Doubles? _price;
        private int[] _segmentCounts = [];

        public int Total { get; private set; }

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            FlushSegment();
            _category = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, Fields.CategoryValue);
            _price = FieldCache.DEFAULT.GetDoubles(context.AtomicReader, Fields.Price, FieldCache.NUMERIC_UTILS_DOUBLE_PARSER, setDocsWithField: false);
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
                // Per match, so no allocation and no decimal arithmetic: the bucket is the number of bounds at or below.
                var price = _price.Get(doc);
                var bucket = 0;
                while (bucket < Bounds.Length && price >= Bounds[bucket])
                {
                    bucket++;
                }

                _ranges[bucket]++;
            }
        }

        public ProductFacets Result()
        {
            FlushSegment();
            var categories = _categories.Select(c => new FacetCount(c.Key, c.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).ToList();
            var ranges = _ranges.Select((count, i) => (Bucket: i, Count: count))
                .Where(r => r.Count > 0)
                .Select(r => new PriceRangeCount(r.Bucket == 0 ? 0 : PriceBounds[r.Bucket - 1], r.Bucket < PriceBounds.Length ? PriceBounds[r.Bucket] : null, r.Count))
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
