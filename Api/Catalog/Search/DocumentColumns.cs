namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// Everything the index holds per document, column by column, indexed by document number: what a search reads (category
/// ordinal, price and price-facet bucket, age, the generation that replaced it, the name's words, an ordering key of the
/// SKU) and what an answer shows (SKU, name, description as UTF-8 in <see cref="Text"/>, exact price, currency, limit,
/// dates, version). Columns rather than a product object each: a million products cost a third less memory and a search
/// reads a few dense arrays. The writer appends past the published count and grows by copying into a new instance, so
/// a view's columns never change under it below its count (except <see cref="ReplacedAt"/>, which a view reads against
/// its own generation).
/// </summary>
public sealed class DocumentColumns
{
    public const int Live = int.MaxValue;

    /// <summary>No date (<see cref="AvailableFrom"/>).</summary>
    public const long NoDate = long.MinValue;

    private DocumentColumns(int capacity, int nameCapacity, TextStore text)
    {
        Sku = new string[capacity];
        SkuKey = new ulong[capacity];
        Name = new string[capacity];
        Description = new long[capacity];
        Category = new int[capacity];
        Bucket = new byte[capacity];
        Price = new double[capacity];
        ExactPrice = new decimal[capacity];
        Currency = new ushort[capacity];
        MaxPerCustomer = new int[capacity];
        AvailableFrom = new long[capacity];
        Created = new long[capacity];
        Updated = new long[capacity];
        Offsets = new short[capacity * 3];
        Version = new int[capacity];
        ReplacedAt = new int[capacity];
        NameStart = new int[capacity + 1];
        NameTerms = new int[nameCapacity];
        Text = text;
    }

    public static DocumentColumns Create(int capacity = 1024) => new(capacity, capacity * 4, new TextStore());

    public string[] Sku { get; }

    /// <summary>The SKU's first characters as a number that orders as the SKUs do (ties: compare the SKUs).</summary>
    public ulong[] SkuKey { get; }

    public string[] Name { get; }

    /// <summary>Where the description is in <see cref="Text"/>.</summary>
    public long[] Description { get; }

    public int[] Category { get; }

    public byte[] Bucket { get; }

    /// <summary>The price as a double, for filters and sorts; <see cref="ExactPrice"/> is what answers show.</summary>
    public double[] Price { get; }

    public decimal[] ExactPrice { get; }

    /// <summary>Ordinal of the currency code (<see cref="SearchIndex"/> keeps the codes).</summary>
    public ushort[] Currency { get; }

    /// <summary>0 when there is no limit.</summary>
    public int[] MaxPerCustomer { get; }

    /// <summary>UTC ticks, or <see cref="NoDate"/>.</summary>
    public long[] AvailableFrom { get; }

    /// <summary>UTC ticks.</summary>
    public long[] Created { get; }

    /// <summary>UTC ticks.</summary>
    public long[] Updated { get; }

    /// <summary>The offsets in minutes of the available-from, created and updated dates (three per document).</summary>
    public short[] Offsets { get; }

    public int[] Version { get; }

    /// <summary>The generation from which a document is no longer visible (its product was replaced), else <see cref="Live"/>.</summary>
    public int[] ReplacedAt { get; }

    /// <summary>Where each document's name words start in <see cref="NameTerms"/> (and end, at the next one's start).</summary>
    public int[] NameStart { get; }

    public int[] NameTerms { get; }

    /// <summary>Descriptions, appended once per document (shared by every generation of the columns).</summary>
    public TextStore Text { get; }

    public int Capacity => Sku.Length;

    /// <summary>Columns with room for at least the given documents and name words, sharing nothing the writer will change in place.</summary>
    public DocumentColumns Grow(int documents, int nameTerms)
    {
        var capacity = documents > Capacity ? Math.Max(documents, Capacity * 2) : Capacity;
        var nameCapacity = nameTerms > NameTerms.Length ? Math.Max(nameTerms, NameTerms.Length * 2) : NameTerms.Length;
        var grown = new DocumentColumns(capacity, nameCapacity, Text);
        Array.Copy(Sku, grown.Sku, Capacity);
        Array.Copy(SkuKey, grown.SkuKey, Capacity);
        Array.Copy(Name, grown.Name, Capacity);
        Array.Copy(Description, grown.Description, Capacity);
        Array.Copy(Category, grown.Category, Capacity);
        Array.Copy(Bucket, grown.Bucket, Capacity);
        Array.Copy(Price, grown.Price, Capacity);
        Array.Copy(ExactPrice, grown.ExactPrice, Capacity);
        Array.Copy(Currency, grown.Currency, Capacity);
        Array.Copy(MaxPerCustomer, grown.MaxPerCustomer, Capacity);
        Array.Copy(AvailableFrom, grown.AvailableFrom, Capacity);
        Array.Copy(Created, grown.Created, Capacity);
        Array.Copy(Updated, grown.Updated, Capacity);
        Array.Copy(Offsets, grown.Offsets, Offsets.Length);
        Array.Copy(Version, grown.Version, Capacity);
        Array.Copy(ReplacedAt, grown.ReplacedAt, Capacity);
        Array.Copy(NameStart, grown.NameStart, Capacity + 1);
        Array.Copy(NameTerms, grown.NameTerms, NameTerms.Length);
        return grown;
    }

    /// <summary>
    /// An ordering key of a SKU: its first 8 characters as bytes, big-endian, zero-padded. From the first character
    /// outside ASCII on, every byte is 0xFF, so the key never orders two SKUs against their ordinal order; equal keys
    /// say nothing (compare the SKUs).
    /// </summary>
    public static ulong KeyOf(string sku)
    {
        var key = 0UL;
        var ascii = true;
        for (var i = 0; i < 8; i++)
        {
            ascii &= i >= sku.Length || sku[i] < 0x80;
            key = (key << 8) | (!ascii ? 0xFFUL : i < sku.Length ? sku[i] : 0UL);
        }

        return key;
    }

    /// <summary>Whether document a's SKU orders before document b's.</summary>
    public bool SkuBefore(int a, int b) =>
        SkuKey[a] != SkuKey[b] ? SkuKey[a] < SkuKey[b] : string.CompareOrdinal(Sku[a], Sku[b]) < 0;
}
