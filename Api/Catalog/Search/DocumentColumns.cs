using Ecommerce.Catalog;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// What a search reads per document, column by column, indexed by document number: the product, its category (as an
/// ordinal), price and price-facet bucket, age, the generation that replaced it, and the words of its name (for the
/// exact-name and phrase bonuses). The writer appends past the published count and grows by copying into a new
/// instance, so a view's columns never change under it below its count (except <see cref="ReplacedAt"/>, which a
/// view reads against its own generation).
/// </summary>
public sealed class DocumentColumns
{
    public const int Live = int.MaxValue;

    private DocumentColumns(int capacity, int nameCapacity)
    {
        Products = new Product[capacity];
        Category = new int[capacity];
        Bucket = new byte[capacity];
        Price = new double[capacity];
        Created = new long[capacity];
        ReplacedAt = new int[capacity];
        NameKey = new ulong[capacity];
        NameStart = new int[capacity + 1];
        NameTerms = new int[nameCapacity];
    }

    public static DocumentColumns Create(int capacity = 1024) => new(capacity, capacity * 4);

    public Product[] Products { get; private init; }

    public int[] Category { get; private init; }

    public byte[] Bucket { get; private init; }

    public double[] Price { get; private init; }

    public long[] Created { get; private init; }

    /// <summary>The generation from which a document is no longer visible (its product was replaced), else <see cref="Live"/>.</summary>
    public int[] ReplacedAt { get; private init; }

    /// <summary>A hash of the name's words in order: equal for a query of exactly those words.</summary>
    public ulong[] NameKey { get; private init; }

    /// <summary>Where each document's name words start in <see cref="NameTerms"/> (and end, at the next one's start).</summary>
    public int[] NameStart { get; private init; }

    public int[] NameTerms { get; private init; }

    public int Capacity => Products.Length;

    /// <summary>Columns with room for at least the given documents and name words, sharing nothing the writer will change in place.</summary>
    public DocumentColumns Grow(int documents, int nameTerms)
    {
        var capacity = documents > Capacity ? Math.Max(documents, Capacity * 2) : Capacity;
        var nameCapacity = nameTerms > NameTerms.Length ? Math.Max(nameTerms, NameTerms.Length * 2) : NameTerms.Length;
        var grown = new DocumentColumns(capacity, nameCapacity);
        Array.Copy(Products, grown.Products, Capacity);
        Array.Copy(Category, grown.Category, Capacity);
        Array.Copy(Bucket, grown.Bucket, Capacity);
        Array.Copy(Price, grown.Price, Capacity);
        Array.Copy(Created, grown.Created, Capacity);
        Array.Copy(ReplacedAt, grown.ReplacedAt, Capacity);
        Array.Copy(NameKey, grown.NameKey, Capacity);
        Array.Copy(NameStart, grown.NameStart, Capacity + 1);
        Array.Copy(NameTerms, grown.NameTerms, NameTerms.Length);
        return grown;
    }
}
