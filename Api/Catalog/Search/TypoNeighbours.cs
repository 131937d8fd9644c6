using System.Collections.Concurrent;

namespace Ecommerce.Api.Catalog.Search;

/// <summary>
/// A deletion dictionary of the catalog's words (the idea of SymSpell): each word is filed under itself and every form
/// with one letter deleted (two for words of 7+ letters), once, when it enters the vocabulary. A typed word within two
/// edits of a catalog word shares one of those forms with it, so its neighbours are a few hash look-ups of its own
/// deletions plus a distance check of each candidate; no automaton is built or walked per query. Keys are 64-bit
/// hashes of the forms: a collision only adds a candidate that the distance check then drops.
/// </summary>
public sealed class TypoNeighbours
{
    /// <summary>A typed word needs 5 letters for one typo, so a neighbour has at least 4.</summary>
    private const int ShortestNeighbour = 4;

    /// <summary>Two typos need 9 letters, so a neighbour two deletions away has at least 7.</summary>
    private const int ShortestTwoDeletions = 7;

    private readonly ConcurrentDictionary<ulong, int[]> _byForm = new();

    public int Forms => _byForm.Count;

    /// <summary>Files a word of the vocabulary under its id (called once per word, by the index's one writer).</summary>
    public void Add(string word, int id)
    {
        if (word.Length < ShortestNeighbour)
        {
            return;
        }

        File(Hash(word, -1, -1), id);
        for (var i = 0; i < word.Length; i++)
        {
            File(Hash(word, i, -1), id);
            if (word.Length >= ShortestTwoDeletions)
            {
                for (var j = i + 1; j < word.Length; j++)
                {
                    File(Hash(word, i, j), id);
                }
            }
        }
    }

    /// <summary>
    /// The ids of vocabulary words within <see cref="TypoDistance.Allowed"/> edits of a typed word (the word itself
    /// excluded), with their distance, added to <paramref name="into"/>.
    /// </summary>
    public void Find(ReadOnlySpan<char> typed, IReadOnlyList<IndexTerm> terms, List<(int Id, int Distance)> into)
    {
        var max = TypoDistance.Allowed(typed.Length);
        if (max == 0)
        {
            return;
        }

        Look(Hash(typed, -1, -1), typed, max, terms, into);
        for (var i = 0; i < typed.Length; i++)
        {
            Look(Hash(typed, i, -1), typed, max, terms, into);
            if (max == 2)
            {
                for (var j = i + 1; j < typed.Length; j++)
                {
                    Look(Hash(typed, i, j), typed, max, terms, into);
                }
            }
        }
    }

    private void Look(ulong form, ReadOnlySpan<char> typed, int max, IReadOnlyList<IndexTerm> terms, List<(int Id, int Distance)> into)
    {
        if (!_byForm.TryGetValue(form, out var ids))
        {
            return;
        }

        foreach (var id in ids)
        {
            // Ids filed after the searched view was published are not in its vocabulary yet.
            if (id >= terms.Count || Contains(into, id))
            {
                continue;
            }

            var distance = TypoDistance.Between(typed, terms[id].Text, max);
            if (distance is > 0 && distance <= max)
            {
                into.Add((id, distance));
            }
        }
    }

    private static bool Contains(List<(int Id, int Distance)> found, int id)
    {
        foreach (var (known, _) in found)
        {
            if (known == id)
            {
                return true;
            }
        }

        return false;
    }

    private void File(ulong form, int id) =>
        _byForm.AddOrUpdate(form, static (_, id) => [id], static (_, ids, id) => ids.Contains(id) ? ids : [.. ids, id], id);

    /// <summary>FNV-1a over the word with the letters at <paramref name="skip1"/> and <paramref name="skip2"/> left out.</summary>
    private static ulong Hash(ReadOnlySpan<char> word, int skip1, int skip2)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < word.Length; i++)
        {
            if (i != skip1 && i != skip2)
            {
                hash = (hash ^ word[i]) * 1099511628211UL;
            }
        }

        return hash;
    }
}
