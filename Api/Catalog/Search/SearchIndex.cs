using System.Collections.Concurrent;
using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// The writer of the in-memory catalog index: products go in as documents (a changed product is a new document and its
/// old one is marked replaced), words into postings lists, short prefixes into postings of their own, new words into
/// the typo neighbours; <see cref="Publish"/> then makes all of it visible at once as a new <see cref="IndexView"/>.
/// One writer at a time (a lock); any number of searches read the last published view without one.
/// </summary>
public sealed class SearchIndex
{
    /// <summary>Prefixes of 2 and 3 letters keep postings of their own (names and categories), so one list answers them.</summary>
    public const int ShortPrefixMax = 3;

    public static readonly decimal[] PriceBounds = [10m, 25m, 50m, 100m, 250m, 500m, 1000m];
    public const int Buckets = 8;

    private readonly Lock _write = new();
    private readonly ConcurrentDictionary<string, IndexTerm> _terms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Postings> _prefixes = new(StringComparer.Ordinal);
    private readonly DocumentsBySku _bySku;
    private readonly ValueNames _categories = new();
    private readonly ValueNames _currencies = new();
    private readonly TypoNeighbours _typos = new();
    private readonly FacetSets _facetSets = new();
    private readonly List<Postings> _dirty = [];
    private readonly HashSet<IndexTerm> _changed = [];
    private IndexTerm[] _termsById = new IndexTerm[1024];
    private int _termCount;
    private int[] _liveByCategoryBucket = new int[16 * Buckets];
    private volatile DocumentColumns _columns = DocumentColumns.Create();
    private int _docCount;
    private int _nameTermCount;
    private int _live;
    private int _pending;
    private int _generation;
    private int _publishedTerms;
    private IndexTerm[] _sorted = [];

    public SearchIndex()
    {
        _bySku = new DocumentsBySku(() => _columns);
        View = new IndexView(0, _columns, 0, 0, [], [], _terms, _prefixes, _typos, [], new Dictionary<string, int[]>(), [], _facetSets.Snapshot());
    }

    /// <summary>The last published state: what searches read.</summary>
    public IndexView View { get; private set; }

    /// <summary>Products indexed, published or not.</summary>
    public int Count => _bySku.Count;

    /// <summary>Documents of replaced products still held (dropped by a rebuild).</summary>
    public int Replaced => Volatile.Read(ref _docCount) - Volatile.Read(ref _live);

    public int Words => Volatile.Read(ref _termCount);

    public int TypoForms => _typos.Forms;

    /// <summary>The product as last written, published or not (a process reads its own writes).</summary>
    public Product? Get(string sku) => _bySku.Find(sku) is var doc and >= 0 ? ProductAt(_columns, doc) : null;

    /// <summary>Every product indexed now.</summary>
    public IEnumerable<Product> Products()
    {
        var columns = _columns;
        var count = Volatile.Read(ref _docCount);
        for (var doc = 0; doc < count; doc++)
        {
            if (columns.ReplacedAt[doc] == DocumentColumns.Live)
            {
                yield return ProductAt(columns, doc);
            }
        }
    }

    /// <summary>A document as the product it was made from.</summary>
    public Product ProductAt(DocumentColumns columns, int doc)
    {
        var offsets = columns.Offsets.AsSpan(doc * 3, 3);
        var details = new ProductDetails(columns.Name[doc], columns.Text.Read(columns.Description[doc]), _categories[columns.Category[doc]],
            columns.ExactPrice[doc], _currencies[columns.Currency[doc]], columns.MaxPerCustomer[doc] is > 0 and var limit ? limit : null,
            columns.AvailableFrom[doc] == DocumentColumns.NoDate ? null : Date(columns.AvailableFrom[doc], offsets[0]));
        return new Product(columns.Sku[doc], details, Date(columns.Created[doc], offsets[1]), Date(columns.Updated[doc], offsets[2]), columns.Version[doc]);
    }

    /// <summary>Adds or replaces a product; an older version than the one indexed is ignored (pushes may reorder).</summary>
    public bool Upsert(Product product)
    {
        lock (_write)
        {
            if (_bySku.Find(product.Sku) is var old and >= 0)
            {
                if (_columns.Version[old] > product.Version)
                {
                    return false;
                }

                Replace(old);
            }

            Add(product);
            _pending++;
            return true;
        }
    }

    /// <summary>
    /// Makes every write so far visible to searches as one new view. The words whose documents changed (and the new
    /// ones) go to <paramref name="beforeVisible"/> first, with the new generation (for the result cache); returns
    /// them, or null when nothing changed.
    /// </summary>
    public IndexChange? Publish(Action<IndexChange, int>? beforeVisible)
    {
        lock (_write)
        {
            if (_pending == 0)
            {
                return null;
            }

            foreach (var postings in _dirty)
            {
                postings.Publish();
            }

            _dirty.Clear();
            var newWords = _termCount - _publishedTerms;
            if (newWords > 0)
            {
                var sorted = _termsById.AsSpan(0, _termCount).ToArray();
                Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Text, b.Text));
                _sorted = sorted;
            }

            var change = new IndexChange([.. _changed.Select(t => t.Text)], [.. _termsById.AsSpan(_publishedTerms, newWords).ToArray().Select(t => t.Text)]);
            _changed.Clear();
            _publishedTerms = _termCount;
            _generation++;
            _pending = 0;
            beforeVisible?.Invoke(change, _generation);
            var categories = _categories.ToArray();
            var keys = categories.Select((value, ordinal) => (Key: CategoryKey(value), ordinal))
                .GroupBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(c => c.ordinal).ToArray(), StringComparer.Ordinal);
            View = new IndexView(_generation, _columns, _docCount, _live, new ArraySegment<IndexTerm>(_termsById, 0, _termCount), _sorted,
                _terms, _prefixes, _typos, categories, keys, [.. _liveByCategoryBucket.AsSpan(0, categories.Length * Buckets)],
                _facetSets.Snapshot());
            return change;
        }
    }

    /// <summary>Drops the spare room of every postings list (once after a bulk build: lists then grow by little).</summary>
    public void Trim()
    {
        lock (_write)
        {
            foreach (var term in _termsById.AsSpan(0, _termCount))
            {
                term.Postings.Trim();
            }

            foreach (var postings in _prefixes.Values)
            {
                postings.Trim();
            }
        }
    }

    /// <summary>The category filter's key: case and surrounding spaces do not matter.</summary>
    public static string CategoryKey(string category) => category.Trim().ToUpperInvariant();

    public static byte BucketOf(double price)
    {
        byte bucket = 0;
        while (bucket < PriceBounds.Length && price >= (double)PriceBounds[bucket])
        {
            bucket++;
        }

        return bucket;
    }

    private void Add(Product product)
    {
        var doc = _docCount;
        var columns = _columns;
        var details = product.Details;
        if (doc + 1 > columns.Capacity || _nameTermCount + details.Name.Length > columns.NameTerms.Length)
        {
            columns = _columns = columns.Grow(doc + 1, _nameTermCount + details.Name.Length);
        }

        var category = CategoryOrdinal(details.Category);
        var price = (double)details.Price;
        columns.Sku[doc] = product.Sku;
        columns.SkuKey[doc] = DocumentColumns.KeyOf(product.Sku);
        columns.Name[doc] = details.Name;
        columns.Description[doc] = columns.Text.Append(details.Description);
        columns.Category[doc] = category;
        columns.Price[doc] = price;
        columns.ExactPrice[doc] = details.Price;
        columns.Bucket[doc] = BucketOf(price);
        columns.Currency[doc] = checked((ushort)_currencies.OrdinalOf(details.Currency));
        columns.MaxPerCustomer[doc] = details.MaxPerCustomer ?? 0;
        columns.AvailableFrom[doc] = details.AvailableFrom?.UtcTicks ?? DocumentColumns.NoDate;
        columns.Created[doc] = product.CreatedAt.UtcTicks;
        columns.Updated[doc] = product.UpdatedAt.UtcTicks;
        var offsets = columns.Offsets.AsSpan(doc * 3, 3);
        offsets[0] = OffsetOf(details.AvailableFrom);
        offsets[1] = OffsetOf(product.CreatedAt);
        offsets[2] = OffsetOf(product.UpdatedAt);
        columns.Version[doc] = product.Version;
        columns.ReplacedAt[doc] = DocumentColumns.Live;

        Span<char> buffer = stackalloc char[SearchText.MaxWordLength];
        var reader = new SearchText.WordReader(details.Name, buffer);
        while (reader.Next(out var word, out _, out _))
        {
            var term = Index(word, doc, FieldBits.Name);
            columns.NameTerms[_nameTermCount++] = term.Id;
        }

        columns.NameStart[doc + 1] = _nameTermCount;
        reader = new SearchText.WordReader(details.Category, buffer);
        while (reader.Next(out var word, out _, out _))
        {
            Index(word, doc, FieldBits.Category);
        }

        reader = new SearchText.WordReader(details.Description, buffer);
        while (reader.Next(out var word, out _, out _))
        {
            Index(word, doc, FieldBits.Description);
        }

        _liveByCategoryBucket[(category * Buckets) + columns.Bucket[doc]]++;
        _facetSets.Add(doc, category, columns.Bucket[doc]);
        _live++;
        Volatile.Write(ref _docCount, doc + 1);
        _bySku.Set(product.Sku, doc);
    }

    /// <summary>Marks a document replaced from the next generation on; the words it held count as changed.</summary>
    private void Replace(int doc)
    {
        var columns = _columns;
        columns.ReplacedAt[doc] = _generation + 1;
        _liveByCategoryBucket[(columns.Category[doc] * Buckets) + columns.Bucket[doc]]--;
        _live--;
        Span<char> buffer = stackalloc char[SearchText.MaxWordLength];
        var terms = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var text in (ReadOnlySpan<string>)[columns.Name[doc], _categories[columns.Category[doc]], columns.Text.Read(columns.Description[doc])])
        {
            var reader = new SearchText.WordReader(text, buffer);
            while (reader.Next(out var word, out _, out _))
            {
                if (terms.TryGetValue(word, out var term))
                {
                    _changed.Add(term);
                }
            }
        }
    }

    private IndexTerm Index(ReadOnlySpan<char> word, int doc, byte field)
    {
        var terms = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!terms.TryGetValue(word, out var term))
        {
            term = new IndexTerm(_termCount, word.ToString());
            if (_termCount == _termsById.Length)
            {
                Array.Resize(ref _termsById, _termCount * 2);
            }

            _termsById[_termCount] = term;
            _terms[term.Text] = term;
            _typos.Add(term.Text, term.Id);
            Volatile.Write(ref _termCount, _termCount + 1);
        }

        Append(term.Postings, doc, field);
        _changed.Add(term);
        if (field != FieldBits.Description)
        {
            var prefixes = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var length = 2; length <= Math.Min(ShortPrefixMax, word.Length); length++)
            {
                var prefix = word[..length];
                if (!prefixes.TryGetValue(prefix, out var postings))
                {
                    postings = new Postings();
                    _prefixes[prefix.ToString()] = postings;
                }

                Append(postings, doc, field);
            }
        }

        return term;
    }

    private void Append(Postings postings, int doc, byte field)
    {
        if (!postings.Dirty)
        {
            _dirty.Add(postings);
        }

        postings.Add(doc, field);
    }

    private int CategoryOrdinal(string category)
    {
        var ordinal = _categories.OrdinalOf(category);
        if (_categories.Count * Buckets > _liveByCategoryBucket.Length)
        {
            Array.Resize(ref _liveByCategoryBucket, _liveByCategoryBucket.Length * 2);
        }

        return ordinal;
    }

    /// <summary>A date's offset in minutes (whole minutes: that is all an offset can be).</summary>
    private static short OffsetOf(DateTimeOffset? date) => (short)(date?.TotalOffsetMinutes ?? 0);

    private static DateTimeOffset Date(long utcTicks, short offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}

/// <summary>What a publish changed: words whose documents were added or replaced, and words new to the vocabulary.</summary>
public sealed record IndexChange(IReadOnlyList<string> ChangedWords, IReadOnlyList<string> NewWords);
