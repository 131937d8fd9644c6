namespace Ecommerce.Api.Catalog.Search;

/// <summary>The fields of a product a word occurs in, as bits.</summary>
public static class FieldBits
{
    public const byte Name = 1;
    public const byte Category = 2;
    public const byte Description = 4;
}

/// <summary>
/// The products a word (or a short prefix) occurs in, by ascending document number, with the fields it occurs in
/// (<see cref="FieldBits"/>). One writer appends; searches read the last <see cref="Published"/> view, never the arrays
/// being written: the writer only writes past a view's count (or into new arrays when they grow), so a view stays
/// valid without a lock.
/// </summary>
public sealed class Postings
{
    private int[] _docs = new int[4];
    private byte[] _fields = new byte[4];
    private int _count;

    public PostingsView Published { get; private set; } = PostingsView.Empty;

    /// <summary>Appended to since the last <see cref="Publish"/>.</summary>
    public bool Dirty => _count != Published.Count;

    /// <summary>Adds a document, at or after the last one added (the same one again only adds fields).</summary>
    public void Add(int doc, byte fields)
    {
        if (_count > 0 && _docs[_count - 1] == doc)
        {
            _fields[_count - 1] |= fields;
            return;
        }

        if (_count == _docs.Length)
        {
            Array.Resize(ref _docs, _count * 2);
            Array.Resize(ref _fields, _count * 2);
        }

        _docs[_count] = doc;
        _fields[_count] = fields;
        _count++;
    }

    public void Publish() => Published = new PostingsView(_docs, _fields, _count);

    /// <summary>Drops the spare room of the arrays (after a bulk build, when the list will grow little).</summary>
    public void Trim()
    {
        if (_docs.Length > _count + 4)
        {
            Array.Resize(ref _docs, _count);
            Array.Resize(ref _fields, _count);
            Publish();
        }
    }
}

/// <summary>A published, unchanging prefix of a postings list.</summary>
public sealed class PostingsView(int[] docs, byte[] fields, int count)
{
    public static readonly PostingsView Empty = new([], [], 0);

    public int[] Docs { get; } = docs;

    public byte[] Fields { get; } = fields;

    public int Count { get; } = count;
}
