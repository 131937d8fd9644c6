using System.Collections.Concurrent;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// Whole answers (page, total, facets) of recent searches, keyed by the normalized query, filters, sort and page. A
/// publish of the index drops, before searches can see it, every answer a change could alter: those with a word equal
/// to a changed word, a prefix of it, or within typo distance of it (and answers without words, on any change); a
/// large change drops them all. Bounded: when full, entries not read since the last sweep go first (second chance).
/// </summary>
public sealed class ResultCache(int capacity)
{
    /// <summary>More changed words than this in one publish (a bulk load) and the whole cache goes.</summary>
    private const int LargeChange = 64;

    private readonly ConcurrentDictionary<ResultKey, Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<ResultKey>> _byWord = new(StringComparer.Ordinal);
    private readonly HashSet<ResultKey> _wordless = [];
    private int _generation;
    private long _hits;
    private long _misses;

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(ResultKey key, out SearchPage page)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Read = true;
            Interlocked.Increment(ref _hits);
            page = entry.Page;
            return true;
        }

        Interlocked.Increment(ref _misses);
        page = null!;
        return false;
    }

    /// <summary>Keeps an answer computed on the view of <paramref name="generation"/>, unless a change came since.</summary>
    public void Add(ResultKey key, IReadOnlyList<string> words, SearchPage page, int generation)
    {
        if (Capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (generation < _generation || _entries.ContainsKey(key))
            {
                return;
            }

            if (_entries.Count >= Capacity)
            {
                Sweep();
            }

            _entries[key] = new Entry(page, [.. words]);
            if (words.Count == 0)
            {
                _wordless.Add(key);
            }

            foreach (var word in words)
            {
                if (!_byWord.TryGetValue(word, out var keys))
                {
                    _byWord[word] = keys = [];
                }

                keys.Add(key);
            }
        }
    }

    /// <summary>Drops what a publish could change; called before the new view becomes visible.</summary>
    public void Invalidate(IndexChange change, int generation)
    {
        lock (_gate)
        {
            _generation = generation;
            if (_entries.IsEmpty)
            {
                return;
            }

            if (change.ChangedWords.Count > LargeChange)
            {
                Clear();
                return;
            }

            foreach (var key in _wordless.ToList())
            {
                Remove(key);
            }

            var byWord = _byWord.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var changed in change.ChangedWords)
            {
                // The word itself, and each prefix of it (the last typed word matches as a prefix).
                for (var length = 2; length <= changed.Length; length++)
                {
                    if (byWord.TryGetValue(changed.AsSpan(0, length), out var keys))
                    {
                        foreach (var key in keys.ToList())
                        {
                            Remove(key);
                        }
                    }
                }

                // Typos: any cached word the changed word is within that word's typo allowance of.
                foreach (var (word, keys) in _byWord.ToList())
                {
                    var allowed = TypoDistance.Allowed(word.Length);
                    if (allowed > 0 && TypoDistance.Between(word, changed, allowed) <= allowed)
                    {
                        foreach (var key in keys.ToList())
                        {
                            Remove(key);
                        }
                    }
                }
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _byWord.Clear();
            _wordless.Clear();
        }
    }

    /// <summary>Second chance: entries read since the last sweep stay (and are marked unread), the others go.</summary>
    private void Sweep()
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Read)
            {
                entry.Read = false;
            }
            else
            {
                Remove(key);
            }
        }

        // All were read: drop an eighth, whichever.
        if (_entries.Count >= Capacity)
        {
            foreach (var key in _entries.Keys.Take(Math.Max(1, Capacity / 8)))
            {
                Remove(key);
            }
        }
    }

    private void Remove(ResultKey key)
    {
        if (!_entries.TryRemove(key, out var entry))
        {
            return;
        }

        _wordless.Remove(key);
        foreach (var word in entry.Words)
        {
            if (_byWord.TryGetValue(word, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                _byWord.Remove(word);
            }
        }
    }

    private sealed class Entry(SearchPage page, string[] words)
    {
        public SearchPage Page { get; } = page;

        public string[] Words { get; } = words;

        public bool Read { get; set; }
    }
}

/// <summary>A search as the cache knows it: the words as the index reads them, the filters, the sort and the page.</summary>
public readonly record struct ResultKey(
    string Words, string? Category, decimal? MinPrice, decimal? MaxPrice, string Sort, int Page, int PageSize, bool Facets);
