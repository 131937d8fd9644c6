using System.Text;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// Texts stored once and read back by position: each as its UTF-8 length (a varint) and bytes, in chunks that fill up
/// and are never moved, so half the memory of .NET strings for Latin text and one array per chunk instead of an object per
/// text. One writer appends; any reader reads a position it was given (from a column of a published view), which the
/// writer never changes. A text that is not valid UTF-16 (a lone surrogate) reads back with U+FFFD in its place.
/// </summary>
public sealed class TextStore
{
    private const int FirstChunk = 4096;
    private const int LargestChunk = 1 << 20;

    private volatile byte[][] _chunks = [new byte[FirstChunk]];
    private int _chunk;
    private int _used;

    /// <summary>Bytes held (the chunks' size, used or not).</summary>
    public long Bytes
    {
        get
        {
            var total = 0L;
            foreach (var chunk in _chunks)
            {
                total += chunk?.Length ?? 0;
            }

            return total;
        }
    }

    /// <summary>Stores a text; returns its position.</summary>
    public long Append(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var needed = length + 5;
        var chunks = _chunks;
        if (_used + needed > chunks[_chunk].Length)
        {
            // A new chunk, twice the last up to a megabyte (and never smaller than the text), so small indexes stay small.
            if (_chunk + 1 == chunks.Length)
            {
                Array.Resize(ref chunks, chunks.Length * 2);
            }

            chunks[_chunk + 1] = new byte[Math.Max(needed, Math.Min(LargestChunk, chunks[_chunk].Length * 2))];
            _chunks = chunks;
            _chunk++;
            _used = 0;
        }

        var position = ((long)_chunk << 32) | (uint)_used;
        var bytes = chunks[_chunk].AsSpan(_used);
        var at = WriteLength(bytes, length);
        _used += at + Encoding.UTF8.GetBytes(text, bytes[at..]);
        return position;
    }

    public string Read(long position)
    {
        var bytes = Span(position);
        return bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The UTF-8 bytes of the text at a position.</summary>
    public ReadOnlySpan<byte> Span(long position)
    {
        var chunk = _chunks[(int)(position >> 32)].AsSpan((int)(uint)position);
        var (length, at) = (0, 0);
        for (var shift = 0; ; shift += 7)
        {
            var b = chunk[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return chunk.Slice(at, length);
    }

    private static int WriteLength(Span<byte> into, int length)
    {
        var at = 0;
        while (length >= 0x80)
        {
            into[at++] = (byte)(length | 0x80);
            length >>= 7;
        }

        into[at++] = (byte)length;
        return at;
    }
}
