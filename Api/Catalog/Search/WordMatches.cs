namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// The documents one query word matches, ascending, each with a match code: for each field (2 bits each: name, category,
/// description) the best form the word took there, 3 = the whole word, 2 = a prefix of the word being typed,
/// 1 = a typo. Either one postings list read in place (<see cref="Level"/> &gt; 0, codes are field bits of that one
/// level) or several merged into a buffer (<see cref="Level"/> 0, codes are match codes).
/// </summary>
internal struct WordMatches
{
    public const int Exact = 3;
    public const int Prefix = 2;
    public const int Typo = 1;

    /// <summary>Match code of one level over field bits: <c>CodeOf[level * 8 + fields]</c>.</summary>
    private static readonly byte[] CodeOf = BuildCodes();

    /// <summary>The per-field best of two match codes: <c>Best[a * 64 + b]</c>.</summary>
    private static readonly byte[] Best = BuildBest();

    public int[] Docs;
    public byte[] Codes;
    public int Count;
    public int Level;
    public int Position;

    public readonly byte CodeAt(int index) => Level == 0 ? Codes[index] : CodeOf[(Level * 8) + Codes[index]];

    public static byte Code(int level, byte fields) => CodeOf[(level * 8) + fields];

    /// <summary>Whether the word matches a document; documents must be asked in ascending order (gallops forward).</summary>
    public bool Seek(int doc)
    {
        var docs = Docs;
        var position = Position;
        if (position >= Count)
        {
            return false;
        }

        if (docs[position] >= doc)
        {
            return docs[position] == doc;
        }

        var step = 1;
        var high = position + 1;
        while (high < Count && docs[high] < doc)
        {
            position = high;
            step <<= 1;
            high = position + step;
        }

        var low = position + 1;
        high = Math.Min(high, Count);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (docs[middle] < doc)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        Position = low;
        return low < Count && docs[low] == doc;
    }

    /// <summary>Merges a postings list of one level into merged matches (<paramref name="from"/>, level 0) into buffers.</summary>
    public static int Merge(in WordMatches from, int[] docs, byte[] fields, int count, int level, int[] intoDocs, byte[] intoCodes)
    {
        var (i, j, n) = (0, 0, 0);
        while (i < from.Count || j < count)
        {
            if (j >= count || (i < from.Count && from.Docs[i] < docs[j]))
            {
                intoDocs[n] = from.Docs[i];
                intoCodes[n++] = from.CodeAt(i++);
            }
            else if (i >= from.Count || docs[j] < from.Docs[i])
            {
                intoDocs[n] = docs[j];
                intoCodes[n++] = CodeOf[(level * 8) + fields[j++]];
            }
            else
            {
                intoDocs[n] = docs[j];
                intoCodes[n++] = Best[(from.CodeAt(i++) * 64) + CodeOf[(level * 8) + fields[j++]]];
            }
        }

        return n;
    }

    private static byte[] BuildCodes()
    {
        var codes = new byte[4 * 8];
        for (var level = 0; level < 4; level++)
        {
            for (var fields = 0; fields < 8; fields++)
            {
                codes[(level * 8) + fields] = (byte)(((fields & FieldBits.Name) != 0 ? level : 0)
                    | ((fields & FieldBits.Category) != 0 ? level << 2 : 0)
                    | ((fields & FieldBits.Description) != 0 ? level << 4 : 0));
            }
        }

        return codes;
    }

    private static byte[] BuildBest()
    {
        var best = new byte[64 * 64];
        for (var a = 0; a < 64; a++)
        {
            for (var b = 0; b < 64; b++)
            {
                var code = 0;
                for (var shift = 0; shift < 6; shift += 2)
                {
                    code |= Math.Max((a >> shift) & 3, (b >> shift) & 3) << shift;
                }

                best[(a * 64) + b] = (byte)code;
            }
        }

        return best;
    }
}
