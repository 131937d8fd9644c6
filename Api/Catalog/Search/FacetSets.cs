using System.Numerics;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// The documents of each facet value as a bit set (one per category, one per price bucket), for counting the facets of
/// a search with many matches by intersecting its matches with each value's set instead of counting match by match.
/// One writer sets a document's bits when it is added (its category and price never change: a changed product is a
/// new document); a view takes the sets as they are at its publish and reads only the bits of its own documents, so
/// later writes and growth (into new arrays) never disturb it. Replaced documents keep their bits: a search's matches
/// never include them.
/// </summary>
internal sealed class FacetSets
{
    private ulong[][] _categories = new ulong[16][];
    private readonly ulong[][] _buckets = new ulong[SearchIndex.Buckets][];
    private int _categoryCount;
    private int _words = 16;

    public FacetSets()
    {
        for (var b = 0; b < _buckets.Length; b++)
        {
            _buckets[b] = new ulong[_words];
        }
    }

    public void Add(int doc, int category, byte bucket)
    {
        var word = doc >> 6;
        if (word >= _words)
        {
            Grow(Math.Max(word + 1, _words * 2));
        }

        while (category >= _categoryCount)
        {
            if (_categoryCount == _categories.Length)
            {
                Array.Resize(ref _categories, _categoryCount * 2);
            }

            _categories[_categoryCount++] = new ulong[_words];
        }

        _categories[category][word] |= 1UL << doc;
        _buckets[bucket][word] |= 1UL << doc;
    }

    /// <summary>The sets as they are now, for a view (the arrays are shared: a view reads only its own documents' bits).</summary>
    public (ulong[][] Categories, ulong[][] Buckets) Snapshot() => ([.. _categories.AsSpan(0, _categoryCount)], [.. _buckets]);

    /// <summary>How many documents of a set are among the matches, over the words [from, to) of the matches' bit set.</summary>
    public static int Intersect(ulong[] matches, ulong[] set, int from, int to)
    {
        var count = 0;
        var m = matches.AsSpan(from, to - from);
        var s = set.AsSpan(from, to - from);
        for (var i = 0; i < m.Length; i++)
        {
            count += BitOperations.PopCount(m[i] & s[i]);
        }

        return count;
    }

    private void Grow(int words)
    {
        for (var c = 0; c < _categoryCount; c++)
        {
            _categories[c] = Grown(_categories[c], words);
        }

        for (var b = 0; b < _buckets.Length; b++)
        {
            _buckets[b] = Grown(_buckets[b], words);
        }

        _words = words;
    }

    private static ulong[] Grown(ulong[] set, int words)
    {
        var grown = new ulong[words];
        set.CopyTo(grown, 0);
        return grown;
    }
}
