using System.Text;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// The metric names a PromQL expression reads: every bare identifier that is not a function or aggregation (followed
/// by a parenthesis or a label list), not a keyword, and not in a label list (<c>by (...)</c>, <c>on (...)</c>, ...), once label
/// matchers, ranges and strings are set aside.
/// </summary>
public static class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = SetAside(expression);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsNameStart(text[i]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.')))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsNamePart(text[i]))
            {
                i++;
            }

            var word = text[start..i];
            var next = i;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            // A function or an aggregation: followed by its arguments, or by its label list first (sum by (le) (...)).
            var calls = next < text.Length && (text[next] == '(' || GroupsFirst(text, next));
            if (LabelListKeywords.Contains(word))
            {
                // The label list that follows is not metrics.
                i = calls ? text.IndexOf(')', next) + 1 : i;
                continue;
            }

            if (!calls && !Keywords.Contains(word))
            {
                names.Add(word);
            }
        }

        return names;
    }

    /// <summary>Blanks out strings, label matchers <c>{...}</c> and ranges <c>[...]</c>, keeping positions.</summary>
    private static string SetAside(string expression)
    {
        var text = new StringBuilder(expression.Length);
        var depth = 0;
        char? quote = null;
        foreach (var c in expression)
        {
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
                text.Append(' ');
                continue;
            }

            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    text.Append(' ');
                    continue;
                case '{' or '[':
                    depth++;
                    text.Append(' ');
                    continue;
                case '}' or ']':
                    depth--;
                    text.Append(' ');
                    continue;
            }

            text.Append(depth > 0 ? ' ' : c);
        }

        return text.ToString();
    }

    private static bool GroupsFirst(string text, int at) =>
        text.AsSpan(at).StartsWith("by", StringComparison.Ordinal) || text.AsSpan(at).StartsWith("without", StringComparison.Ordinal);

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';
}
