namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// Distinct values (categories, currencies) by ordinal, each string held once. One writer adds; any thread reads an
/// ordinal it found in a column (the writer adds the value before any column holds its ordinal).
/// </summary>
internal sealed class ValueNames
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private volatile string[] _names = new string[16];

    public int Count { get; private set; }

    public string this[int ordinal] => _names[ordinal];

    /// <summary>The values so far, in ordinal order.</summary>
    public string[] ToArray() => _names.AsSpan(0, Count).ToArray();

    public int OrdinalOf(string value)
    {
        if (_ordinals.TryGetValue(value, out var ordinal))
        {
            return ordinal;
        }

        ordinal = Count;
        var names = _names;
        if (ordinal == names.Length)
        {
            Array.Resize(ref names, names.Length * 2);
        }

        names[ordinal] = value;
        _names = names;
        _ordinals[value] = ordinal;
        Count++;
        return ordinal;
    }
}
