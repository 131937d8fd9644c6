using System.Collections.Concurrent;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// One published state of the index, read by any number of searches at once: documents below <see cref="MaxDoc"/>
/// that were not replaced by <see cref="Generation"/>, the vocabulary as of then, and the live counts per category and
/// price bucket. <see cref="QueryRun"/> runs a query on it.
/// </summary>
public sealed class IndexView(
    int generation,
    DocumentColumns columns,
    int maxDoc,
    int live,
    ArraySegment<IndexTerm> terms,
    IndexTerm[] sorted,
    ConcurrentDictionary<string, IndexTerm> termsByText,
    ConcurrentDictionary<string, Postings> prefixes,
    TypoNeighbours typos,
    string[] categories,
    Dictionary<string, int[]> categoriesByKey,
    int[] liveByCategoryBucket,
    (ulong[][] Categories, ulong[][] Buckets) facetSets)
{
    public int Generation { get; } = generation;

    public DocumentColumns Columns { get; } = columns;

    public int MaxDoc { get; } = maxDoc;

    public int Live { get; } = live;

    /// <summary>The vocabulary by word number.</summary>
    public ArraySegment<IndexTerm> Terms { get; } = terms;

    /// <summary>The vocabulary in ordinal order, for prefixes longer than <see cref="SearchIndex.ShortPrefixMax"/>.</summary>
    public IndexTerm[] Sorted { get; } = sorted;

    public TypoNeighbours Typos { get; } = typos;

    /// <summary>Category values by ordinal, as products spell them.</summary>
    public string[] Categories { get; } = categories;

    /// <summary>Live documents per category and price bucket (<c>[category * Buckets + bucket]</c>).</summary>
    public int[] LiveByCategoryBucket { get; } = liveByCategoryBucket;

    /// <summary>The documents of each category and of each price bucket, as bit sets (<see cref="FacetSets"/>).</summary>
    public (ulong[][] Categories, ulong[][] Buckets) FacetSets { get; } = facetSets;

    public bool IsLive(int doc) => Columns.ReplacedAt[doc] > Generation;

    /// <summary>The word's postings as of this view, when the vocabulary has it.</summary>
    public IndexTerm? Term(ReadOnlySpan<char> word) =>
        termsByText.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var term) && term.Id < Terms.Count ? term : null;

    public PostingsView? ShortPrefix(ReadOnlySpan<char> prefix) =>
        prefixes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(prefix, out var postings) ? postings.Published : null;

    /// <summary>The category ordinals a filter value selects (any spelling of the same key).</summary>
    public int[] CategoriesOf(string filter) => categoriesByKey.GetValueOrDefault(SearchIndex.CategoryKey(filter)) ?? [];

    /// <summary>The first word of <see cref="Sorted"/> at or after a text.</summary>
    public int LowerBound(ReadOnlySpan<char> text)
    {
        var (low, high) = (0, Sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Sorted[middle].Text.AsSpan().SequenceCompareTo(text) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

}
