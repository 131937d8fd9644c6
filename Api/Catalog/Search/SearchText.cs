using System.Globalization;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// Words as shoppers type them, the same for the catalog and for queries: runs of letters and digits, lower-cased,
/// accents folded (café = cafe, Straße = strasse), an apostrophe inside a word dropped (men's = mens), at most
/// <see cref="MaxWordLength"/> characters a word. No stop words: a shop's names are short and every word counts.
/// </summary>
public static class SearchText
{
    public const int MaxWordLength = 64;

    // Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) folded to ASCII: where most accented shop text lives.
    private static readonly string[] Latin = ("a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|" +
        "i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|" +
        "i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|" +
        "t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s").Split('|');

    /// <summary>The words of a text, each with where it stands in the text.</summary>
    public static List<TextWord> Words(string? text, int max = int.MaxValue)
    {
        var words = new List<TextWord>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        Span<char> buffer = stackalloc char[MaxWordLength];
        var reader = new WordReader(text, buffer);
        while (words.Count < max && reader.Next(out var word, out var start, out var end))
        {
            words.Add(new TextWord(word.ToString(), start, end));
        }

        return words;
    }

    /// <summary>Reads the words of a text one by one into a buffer, without allocating.</summary>
    public ref struct WordReader(ReadOnlySpan<char> text, Span<char> buffer)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly Span<char> _buffer = buffer;
        private int _at;

        /// <summary>The next word (valid until the next call) and its span [start, end) in the text.</summary>
        public bool Next(out ReadOnlySpan<char> word, out int start, out int end)
        {
            while (_at < _text.Length && !IsWordChar(_text[_at]))
            {
                _at++;
            }

            start = _at;
            var length = 0;
            while (_at < _text.Length)
            {
                var c = _text[_at];
                if (!IsWordChar(c))
                {
                    // An apostrophe between letters joins them: "men's" is one word.
                    if (c is '\'' or '\u2019' && length > 0 && _at + 1 < _text.Length && char.IsLetter(_text[_at + 1]))
                    {
                        _at++;
                        continue;
                    }

                    break;
                }

                length = Fold(c, _buffer, length);
                _at++;
            }

            end = _at;
            word = _buffer[..length];
            return length > 0;
        }

        private static bool IsWordChar(char c) => c < 128
            ? char.IsAsciiLetterOrDigit(c)
            : char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

        /// <summary>Appends the folded form of a character; what does not fit in the buffer is dropped.</summary>
        private static int Fold(char c, Span<char> into, int length)
        {
            if (c < 128)
            {
                return Put(char.ToLowerInvariant(c), into, length);
            }

            if (c is >= '\u00C0' and <= '\u017F')
            {
                foreach (var f in Latin[c - '\u00C0'])
                {
                    length = Put(f, into, length);
                }

                return length;
            }

            // Combining accents (decomposed text) go; other scripts are lower-cased.
            return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark ? length : Put(char.ToLowerInvariant(c), into, length);
        }

        private static int Put(char c, Span<char> into, int length)
        {
            if (length < into.Length)
            {
                into[length++] = c;
            }

            return length;
        }
    }
}

/// <summary>A word as the index holds it, and the span of the text it was read from.</summary>
public readonly record struct TextWord(string Text, int Start, int End);
