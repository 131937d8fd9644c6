namespace Ecommerce.Api.Catalog.Search;

public enum HitSort
{
    Relevance,
    Price,
    PriceDescending,
    Name,
    Newest,
}

/// <summary>
/// The first N matches in a sort order, kept in a heap whose root is the last of them, so a match that would not make
/// the page costs one comparison. Every order ends on the SKU, so paging is stable. Reused across searches.
/// </summary>
internal sealed class TopHits
{
    private int[] _docs = new int[64];
    private float[] _scores = new float[64];
    private int _count;
    private int _capacity;
    private DocumentColumns _columns = null!;

    public HitSort Sort { get; private set; }

    public void Reset(IndexView view, HitSort sort, int capacity)
    {
        _columns = view.Columns;
        Sort = sort;
        _capacity = capacity;
        if (_docs.Length < capacity)
        {
            _docs = new int[capacity];
            _scores = new float[capacity];
        }

        _count = 0;
    }

    public void Clear() => _count = 0;

    public void Offer(int doc, float score)
    {
        if (_count < _capacity)
        {
            var at = _count++;
            _docs[at] = doc;
            _scores[at] = score;
            while (at > 0)
            {
                var parent = (at - 1) / 2;
                if (!Before(_docs[parent], _scores[parent], _docs[at], _scores[at]))
                {
                    break;
                }

                Swap(parent, at);
                at = parent;
            }
        }
        else if (Before(doc, score, _docs[0], _scores[0]))
        {
            _docs[0] = doc;
            _scores[0] = score;
            SiftDown(0, _count);
        }
    }

    /// <summary>The SKUs of one page, in order (empties the heap).</summary>
    public string[] Page(int page, int pageSize)
    {
        // Heap sort in place: the root (the last in order) goes to the end each time.
        for (var end = _count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        var from = (page - 1) * pageSize;
        var skus = new string[Math.Clamp(_count - from, 0, pageSize)];
        for (var i = 0; i < skus.Length; i++)
        {
            skus[i] = _columns.Sku[_docs[from + i]];
        }

        _count = 0;
        return skus;
    }

    private void SiftDown(int at, int count)
    {
        while (true)
        {
            var last = at;
            var (left, right) = ((2 * at) + 1, (2 * at) + 2);
            if (left < count && Before(_docs[last], _scores[last], _docs[left], _scores[left]))
            {
                last = left;
            }

            if (right < count && Before(_docs[last], _scores[last], _docs[right], _scores[right]))
            {
                last = right;
            }

            if (last == at)
            {
                return;
            }

            Swap(at, last);
            at = last;
        }
    }

    private void Swap(int a, int b)
    {
        (_docs[a], _docs[b]) = (_docs[b], _docs[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }

    /// <summary>Whether document a comes before document b in the sort.</summary>
    private bool Before(int a, float scoreA, int b, float scoreB)
    {
        var c = _columns;
        var order = Sort switch
        {
            HitSort.Relevance => scoreB.CompareTo(scoreA),
            HitSort.Price => c.Price[a].CompareTo(c.Price[b]),
            HitSort.PriceDescending => c.Price[b].CompareTo(c.Price[a]),
            HitSort.Name => string.Compare(c.Name[a], c.Name[b], StringComparison.OrdinalIgnoreCase),
            _ => c.Created[b].CompareTo(c.Created[a]),
        };
        return order != 0 ? order < 0 : c.SkuBefore(a, b);
    }
}
