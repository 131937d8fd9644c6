using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// One search over an <see cref="IndexView"/>. Every word must match (the whole word, the prefix of the word being
/// typed, or a typo of it); typos are looked up only when the whole words and the prefix find fewer than
/// <see cref="TypoThreshold"/> products; when all the words together find nothing, words are dropped from the end (the
/// last typed first) until something matches, and products that match more of the words rank first. The score: per
/// word, the best form it took in each field (name 6, 3 as a prefix, 2 as a typo; category 2, 1, 0.7; description 1,
/// 0.5, 0.3), the exact name +20, the words as a phrase in the name +10, shorter names a little ahead. Facets count
/// every match: match by match when few match, else by intersecting the matches (a bit set) with each facet value's
/// set of documents, whichever costs less. Buffers are kept per thread, so a search allocates little beyond its answer.
/// </summary>
internal sealed class QueryRun
{
    /// <summary>Fewer matches than this (a page) and typos are tried too.</summary>
    public const int TypoThreshold = 20;

    public const int MaxWords = 16;

    /// <summary>Typo neighbours taken per word: the closest, then the most frequent.</summary>
    public const int MaxTypoExpansions = 20;

    /// <summary>
    /// What counting one match into the facets costs, against intersecting 64 documents' bits with one value's set
    /// (measured: <c>Ecommerce.Benchmarks.dll search-inprocess</c> prints both methods' CPU per search).
    /// </summary>
    private const int HitCostInWords = 4;

    private const float DroppedWordMatched = 1000f;
    private const float ExactName = 20f;
    private const float Phrase = 10f;

    private static readonly float[] ScoreOf = BuildScores();
    private static readonly ProductFacets NoFacets = new([], []);

    [ThreadStatic]
    private static QueryRun? _perThread;

    private readonly List<(PostingsView View, int Level)> _sources = [];
    private readonly List<(int Id, int Distance)> _neighbours = [];
    private readonly WordMatches[] _words = new WordMatches[MaxWords];
    private readonly int[] _exactIds = new int[MaxWords];
    private readonly int[] _order = new int[MaxWords];
    private readonly int[][] _docBuffers = new int[MaxWords + 1][];
    private readonly byte[][] _codeBuffers = new byte[MaxWords + 1][];
    private readonly int[] _buckets = new int[SearchIndex.Buckets];
    private int[] _categories = new int[64];
    private ulong[] _hitBits = new ulong[16];
    private int _hitFrom = int.MaxValue;
    private int _hitTo;
    private readonly TopHits _top = new();
    private IndexView _view = null!;
    private ProductQuery _query = null!;
    private int[]? _categoryFilter;
    private double _minPrice;
    private double _maxPrice;
    private bool _withFacets;
    private bool _facetsPrecounted;
    private bool _facetsBySets;
    private FacetCounting _counting;
    private int _total;

    /// <summary>Runs a query whose words were read with <see cref="SearchText.Words"/> (at most <see cref="MaxWords"/>).</summary>
    public static SearchPage Run(IndexView view, ProductQuery query, List<TextWord> words, bool withFacets, FacetCounting counting = FacetCounting.Auto)
    {
        var run = _perThread ??= new QueryRun();
        run._view = view;
        run._query = query;
        run._withFacets = withFacets;
        run._counting = counting;
        try
        {
            return run.Execute(words);
        }
        finally
        {
            run._view = null!;
            run._query = null!;
        }
    }

    /// <summary>The words used, as typed: from the first word to the end of the last one kept.</summary>
    public static string? Matched(string? text, List<TextWord> words, int kept) =>
        kept == 0 || text is null ? null : text[words[0].Start..words[kept - 1].End];

    private SearchPage Execute(List<TextWord> words)
    {
        _categoryFilter = _query.Category is { } category ? _view.CategoriesOf(category) : null;
        _minPrice = _query.MinPrice is { } min ? (double)min : double.NegativeInfinity;
        _maxPrice = _query.MaxPrice is { } max ? (double)max : double.PositiveInfinity;
        _top.Reset(_view, SortOf(_query.Sort), Math.Clamp(_query.Page * _query.PageSize, 1, ProductQuery.MaxWindow));
        if (_categoryFilter is { Length: 0 })
        {
            return new SearchPage([], 0, NoFacets);
        }

        if (words.Count == 0)
        {
            MatchAll();
            return Answer(words, 0);
        }

        for (var kept = words.Count; kept >= 1; kept--)
        {
            var typos = false;
            for (var i = 0; i < kept; i++)
            {
                typos |= TypoDistance.Allowed(words[i].Text.Length) > 0;
            }

            if (Evaluate(words, kept, withTypos: false) >= TypoThreshold || (!typos && _total > 0))
            {
                return Answer(words, kept);
            }

            if (typos && Evaluate(words, kept, withTypos: true) > 0)
            {
                return Answer(words, kept);
            }

            if (_total > 0)
            {
                return Answer(words, kept);
            }
        }

        return new SearchPage([], 0, NoFacets);
    }

    /// <summary>Runs the first <paramref name="kept"/> words; the dropped ones only rank. Returns the number of matches.</summary>
    private int Evaluate(List<TextWord> words, int kept, bool withTypos)
    {
        _top.Clear();
        ClearFacets();
        _total = 0;
        var prefixAt = words.Count - 1;
        for (var i = 0; i < words.Count; i++)
        {
            if (!Match(i, words[i].Text, prefix: i == prefixAt && words[i].Text.Length >= 2, withTypos) && i < kept)
            {
                return 0;
            }
        }

        // The rarest word drives; the others are sought in it, in order of rarity.
        for (var i = 0; i < kept; i++)
        {
            _order[i] = i;
        }

        for (var i = 1; i < kept; i++)
        {
            for (var j = i; j > 0 && _words[_order[j]].Count < _words[_order[j - 1]].Count; j--)
            {
                (_order[j], _order[j - 1]) = (_order[j - 1], _order[j]);
            }
        }

        var driver = _order[0];
        CountFacetsBySets(_words[driver].Count);
        var relevance = _top.Sort == HitSort.Relevance;
        var columns = _view.Columns;
        ref var lead = ref _words[driver];
        for (var p = 0; p < lead.Count; p++)
        {
            var doc = lead.Docs[p];
            if (!Accepts(columns, doc))
            {
                continue;
            }

            var all = true;
            for (var o = 1; o < kept && all; o++)
            {
                all = _words[_order[o]].Seek(doc);
            }

            if (!all)
            {
                continue;
            }

            var score = 0f;
            if (relevance)
            {
                score = ScoreOf[lead.CodeAt(p)];
                for (var o = 1; o < kept; o++)
                {
                    ref var word = ref _words[_order[o]];
                    score += ScoreOf[word.CodeAt(word.Position)];
                }

                for (var d = kept; d < words.Count; d++)
                {
                    ref var dropped = ref _words[d];
                    if (dropped.Count > 0 && dropped.Seek(doc))
                    {
                        score += DroppedWordMatched + ScoreOf[dropped.CodeAt(dropped.Position)];
                    }
                }

                score += Bonus(columns, doc, kept);
            }

            Hit(columns, doc, score);
        }

        return _total;
    }

    /// <summary>Fills the matches of word <paramref name="slot"/>; false when it matches nothing.</summary>
    private bool Match(int slot, string word, bool prefix, bool withTypos)
    {
        _sources.Clear();
        var exact = _view.Term(word);
        _exactIds[slot] = exact?.Id ?? -1;
        if (exact is not null)
        {
            _sources.Add((exact.Postings.Published, WordMatches.Exact));
        }

        if (prefix)
        {
            if (word.Length <= SearchIndex.ShortPrefixMax)
            {
                if (_view.ShortPrefix(word) is { } postings)
                {
                    _sources.Add((postings, WordMatches.Prefix));
                }
            }
            else
            {
                var sorted = _view.Sorted;
                for (var i = _view.LowerBound(word); i < sorted.Length && sorted[i].Text.StartsWith(word, StringComparison.Ordinal); i++)
                {
                    if (sorted[i] != exact)
                    {
                        _sources.Add((sorted[i].Postings.Published, WordMatches.Prefix));
                    }
                }
            }
        }

        if (withTypos && TypoDistance.Allowed(word.Length) > 0)
        {
            _neighbours.Clear();
            _view.Typos.Find(word, _view.Terms, _neighbours);
            var terms = _view.Terms;
            for (var i = 1; i < _neighbours.Count; i++)
            {
                for (var j = i; j > 0 && Closer(terms, _neighbours[j], _neighbours[j - 1]); j--)
                {
                    (_neighbours[j], _neighbours[j - 1]) = (_neighbours[j - 1], _neighbours[j]);
                }
            }

            for (var i = 0; i < Math.Min(_neighbours.Count, MaxTypoExpansions); i++)
            {
                _sources.Add((terms[_neighbours[i].Id].Postings.Published, WordMatches.Typo));
            }
        }

        ref var matches = ref _words[slot];
        matches = default;
        _sources.Sort(static (a, b) => a.View.Count.CompareTo(b.View.Count));
        foreach (var (view, level) in _sources)
        {
            var count = VisibleCount(view);
            if (count == 0)
            {
                continue;
            }

            if (matches.Docs is null)
            {
                matches = new WordMatches { Docs = view.Docs, Codes = view.Fields, Count = count, Level = level };
                continue;
            }

            // Merge through the spare buffer, then swap it with this word's own, which ends up holding the result.
            EnsureSpare(matches.Count + count);
            var merged = WordMatches.Merge(matches, view.Docs, view.Fields, count, level, _docBuffers[MaxWords], _codeBuffers[MaxWords]);
            (_docBuffers[slot], _docBuffers[MaxWords]) = (_docBuffers[MaxWords], _docBuffers[slot]);
            (_codeBuffers[slot], _codeBuffers[MaxWords]) = (_codeBuffers[MaxWords], _codeBuffers[slot]);
            matches = new WordMatches { Docs = _docBuffers[slot], Codes = _codeBuffers[slot], Count = merged, Level = 0 };
        }

        if (matches.Docs is null)
        {
            matches = new WordMatches { Docs = [], Codes = [], Count = 0, Level = WordMatches.Exact };
            return false;
        }

        return true;
    }

    private void EnsureSpare(int size)
    {
        if (_docBuffers[MaxWords] is not { } docs || docs.Length < size)
        {
            var capacity = Math.Max(size, 1024);
            _docBuffers[MaxWords] = new int[capacity];
            _codeBuffers[MaxWords] = new byte[capacity];
        }
    }

    /// <summary>The closer typo first; at the same distance, the more frequent word.</summary>
    private static bool Closer(ArraySegment<IndexTerm> terms, (int Id, int Distance) a, (int Id, int Distance) b) =>
        a.Distance != b.Distance ? a.Distance < b.Distance : terms[a.Id].Postings.Published.Count > terms[b.Id].Postings.Published.Count;

    /// <summary>Entries of a postings list below this view's document count (later ones are at its end).</summary>
    private int VisibleCount(PostingsView postings)
    {
        var count = postings.Count;
        while (count > 0 && postings.Docs[count - 1] >= _view.MaxDoc)
        {
            count--;
        }

        return count;
    }

    /// <summary>No words: every product, by the filters; facets from the live counts when no price range cuts them.</summary>
    private void MatchAll()
    {
        _top.Clear();
        ClearFacets();
        _total = 0;
        var columns = _view.Columns;
        _facetsPrecounted = _withFacets && _query.MinPrice is null && _query.MaxPrice is null;
        if (!_facetsPrecounted)
        {
            CountFacetsBySets(_view.MaxDoc);
        }
        else
        {
            var live = _view.LiveByCategoryBucket;
            for (var category = 0; category < _view.Categories.Length; category++)
            {
                if (_categoryFilter is null || Array.IndexOf(_categoryFilter, category) >= 0)
                {
                    for (var bucket = 0; bucket < SearchIndex.Buckets; bucket++)
                    {
                        var count = live[(category * SearchIndex.Buckets) + bucket];
                        _categories[category] += count;
                        _buckets[bucket] += count;
                    }
                }
            }
        }

        for (var doc = 0; doc < _view.MaxDoc; doc++)
        {
            if (Accepts(columns, doc))
            {
                Hit(columns, doc, 0f);
            }
        }

        _facetsPrecounted = false;
    }

    private bool Accepts(DocumentColumns columns, int doc)
    {
        if (columns.ReplacedAt[doc] <= _view.Generation)
        {
            return false;
        }

        if (_categoryFilter is { } categories && Array.IndexOf(categories, columns.Category[doc]) < 0)
        {
            return false;
        }

        var price = columns.Price[doc];
        return price >= _minPrice && price <= _maxPrice;
    }

    private void Hit(DocumentColumns columns, int doc, float score)
    {
        _total++;
        if (_facetsBySets)
        {
            var word = doc >> 6;
            _hitBits[word] |= 1UL << doc;
            _hitFrom = Math.Min(_hitFrom, word);
            _hitTo = word + 1;
        }
        else if (_withFacets && !_facetsPrecounted)
        {
            _categories[columns.Category[doc]]++;
            _buckets[columns.Bucket[doc]]++;
        }

        _top.Offer(doc, score);
    }

    /// <summary>The exact name (the kept words and no other), the words as a phrase in the name, and a little for a short name.</summary>
    private float Bonus(DocumentColumns columns, int doc, int kept)
    {
        var start = columns.NameStart[doc];
        var end = columns.NameStart[doc + 1];
        var bonus = 0.1f / (1 + end - start);
        if (_exactIds[0] < 0 || (kept == 1 && end - start != 1))
        {
            return bonus;
        }

        for (var at = start; at + kept <= end; at++)
        {
            var phrase = true;
            for (var w = 0; w < kept && phrase; w++)
            {
                phrase = columns.NameTerms[at + w] == _exactIds[w];
            }

            if (phrase)
            {
                return bonus + (end - start == kept ? ExactName : 0f) + (kept > 1 ? Phrase : 0f);
            }
        }

        return bonus;
    }

    /// <summary>
    /// Whether this evaluation counts its facets from sets: when its matches (at most <paramref name="candidates"/>)
    /// would cost more counted one by one than each facet value's set intersected with them.
    /// </summary>
    private void CountFacetsBySets(int candidates)
    {
        var words = (_view.MaxDoc + 63) >> 6;
        var values = _view.Categories.Length + SearchIndex.Buckets;
        _facetsBySets = _withFacets && _counting switch
        {
            FacetCounting.PerValue => true,
            FacetCounting.PerHit => false,
            _ => (long)candidates * HitCostInWords > (long)values * words,
        };
        if (_facetsBySets && _hitBits.Length < words)
        {
            _hitBits = new ulong[Math.Max(words, _hitBits.Length * 2)];
        }
    }

    /// <summary>The facet counts of the matches collected as bits: each value's set intersected with them.</summary>
    private void CountFromSets()
    {
        if (_hitFrom < _hitTo)
        {
            var (categories, buckets) = _view.FacetSets;
            for (var c = 0; c < _view.Categories.Length; c++)
            {
                if (_categoryFilter is null || Array.IndexOf(_categoryFilter, c) >= 0)
                {
                    _categories[c] = FacetSets.Intersect(_hitBits, categories[c], _hitFrom, _hitTo);
                }
            }

            for (var b = 0; b < SearchIndex.Buckets; b++)
            {
                _buckets[b] = FacetSets.Intersect(_hitBits, buckets[b], _hitFrom, _hitTo);
            }
        }

        ClearHitBits();
    }

    private void ClearHitBits()
    {
        if (_hitFrom < _hitTo)
        {
            Array.Clear(_hitBits, _hitFrom, _hitTo - _hitFrom);
        }

        (_hitFrom, _hitTo) = (int.MaxValue, 0);
        _facetsBySets = false;
    }

    private void ClearFacets()
    {
        ClearHitBits();
        if (_categories.Length < _view.Categories.Length)
        {
            _categories = new int[Math.Max(_view.Categories.Length, _categories.Length * 2)];
        }

        Array.Clear(_categories, 0, _view.Categories.Length);
        Array.Clear(_buckets);
    }

    private SearchPage Answer(List<TextWord> words, int kept)
    {
        if (_facetsBySets)
        {
            CountFromSets();
        }

        var skus = _top.Page(_query.Page, _query.PageSize);
        return new SearchPage(skus, _total, _withFacets ? Facets() : NoFacets, Matched(_query.Text, words, kept), kept);
    }

    private ProductFacets Facets()
    {
        var categories = new List<FacetCount>();
        for (var c = 0; c < _view.Categories.Length; c++)
        {
            if (_categories[c] > 0)
            {
                categories.Add(new FacetCount(_view.Categories[c], _categories[c]));
            }
        }

        categories.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        var ranges = new List<PriceRangeCount>();
        for (var b = 0; b < SearchIndex.Buckets; b++)
        {
            if (_buckets[b] > 0)
            {
                ranges.Add(new PriceRangeCount(b == 0 ? 0 : SearchIndex.PriceBounds[b - 1],
                    b < SearchIndex.PriceBounds.Length ? SearchIndex.PriceBounds[b] : null, _buckets[b]));
            }
        }

        return new ProductFacets(categories, ranges);
    }

    private static HitSort SortOf(string sort) => sort switch
    {
        "price" => HitSort.Price,
        "-price" => HitSort.PriceDescending,
        "name" => HitSort.Name,
        "newest" => HitSort.Newest,
        _ => HitSort.Relevance,
    };

    private static float[] BuildScores()
    {
        // [level][field]: name, category, description.
        float[][] weights = [[0, 0, 0], [2f, 0.7f, 0.3f], [3f, 1f, 0.5f], [6f, 2f, 1f]];
        var scores = new float[64];
        for (var code = 0; code < 64; code++)
        {
            scores[code] = weights[code & 3][0] + weights[(code >> 2) & 3][1] + weights[(code >> 4) & 3][2];
        }

        return scores;
    }
}
