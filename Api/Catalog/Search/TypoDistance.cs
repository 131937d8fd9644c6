namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// How far a typed word may be from a word of the catalog, and how far it is. The rules of the strongest engines: no
/// typo under 5 letters, one from 5, two from 9; an edit that touches the first letter counts as two (shoppers rarely
/// get the first letter wrong, and "bat" for "cat" is another word). Edits: a letter changed, dropped, added, or two
/// neighbours swapped.
/// </summary>
public static class TypoDistance
{
    public static int Allowed(int length) => length >= 9 ? 2 : length >= 5 ? 1 : 0;

    /// <summary>
    /// The edit distance of two words (optimal string alignment, first-letter edits costing two), or
    /// <paramref name="max"/> + 1 when it is over <paramref name="max"/>.
    /// </summary>
    public static int Between(ReadOnlySpan<char> typed, ReadOnlySpan<char> word, int max)
    {
        if (Math.Abs(typed.Length - word.Length) > max)
        {
            return max + 1;
        }

        var columns = word.Length + 1;
        Span<int> rows = stackalloc int[3 * columns];
        var before = rows[..columns];
        var previous = rows.Slice(columns, columns);
        var current = rows.Slice(2 * columns, columns);
        for (var j = 0; j < columns; j++)
        {
            previous[j] = j == 0 ? 0 : previous[j - 1] + Cost(0, j - 1);
        }

        var previousBest = 0;
        for (var i = 1; i <= typed.Length; i++)
        {
            current[0] = previous[0] + Cost(i - 1, 0);
            var best = current[0];
            for (var j = 1; j < columns; j++)
            {
                var edit = Cost(i - 1, j - 1);
                var value = typed[i - 1] == word[j - 1]
                    ? previous[j - 1]
                    : Math.Min(previous[j - 1] + edit, Math.Min(previous[j] + Cost(i - 1, j), current[j - 1] + Cost(i, j - 1)));
                if (i > 1 && j > 1 && typed[i - 1] == word[j - 2] && typed[i - 2] == word[j - 1] && typed[i - 1] != word[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + Cost(i - 2, j - 2));
                }

                current[j] = value;
                best = Math.Min(best, value);
            }

            // A swap jumps from two rows back, so both rows must be over the bound.
            if (best > max && previousBest > max)
            {
                return max + 1;
            }

            previousBest = best;

            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }

        return Math.Min(previous[word.Length], max + 1);
    }

    /// <summary>An edit at position 0 of either word (the first letter) costs two.</summary>
    private static int Cost(int typedAt, int wordAt) => typedAt == 0 || wordAt == 0 ? 2 : 1;
}
