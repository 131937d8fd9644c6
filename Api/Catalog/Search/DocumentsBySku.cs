namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// The current document of each SKU: an open-addressing table of document numbers (4 bytes a slot, at most half full)
/// instead of a dictionary's node per product. Keys are not stored: a slot's SKU is read from the columns. One writer
/// sets slots (a replaced product's slot moves to its new document) and grows the table into a new array; readers probe
/// without a lock, reading the columns only after the slot, so they hold the slot's document.
/// </summary>
internal sealed class DocumentsBySku(Func<DocumentColumns> columns)
{
    private volatile int[] _slots = new int[64];

    public int Count { get; private set; }

    /// <summary>The document of a SKU, or -1.</summary>
    public int Find(string sku)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Hash(sku) & mask; ; i = (i + 1) & mask)
        {
            var entry = Volatile.Read(ref slots[i]);
            if (entry == 0)
            {
                return -1;
            }

            if (string.Equals(columns().Sku[entry - 1], sku, StringComparison.Ordinal))
            {
                return entry - 1;
            }
        }
    }

    /// <summary>Files a document under its SKU (already in the columns), in place of the SKU's previous one.</summary>
    public void Set(string sku, int doc)
    {
        if ((Count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        if (!Place(_slots, sku, doc, columns()))
        {
            Count++;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var grown = new int[old.Length * 2];
        var current = columns();
        foreach (var entry in old)
        {
            if (entry != 0)
            {
                Place(grown, current.Sku[entry - 1], entry - 1, current);
            }
        }

        _slots = grown;
    }

    /// <summary>Puts a document in a SKU's slot; true when the SKU had one.</summary>
    private static bool Place(int[] slots, string sku, int doc, DocumentColumns current)
    {
        var mask = slots.Length - 1;
        for (var i = Hash(sku) & mask; ; i = (i + 1) & mask)
        {
            var entry = slots[i];
            if (entry == 0 || string.Equals(current.Sku[entry - 1], sku, StringComparison.Ordinal))
            {
                Volatile.Write(ref slots[i], doc + 1);
                return entry != 0;
            }
        }
    }

    private static int Hash(string sku) => sku.GetHashCode(StringComparison.Ordinal) & int.MaxValue;
}
