using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// The compiled Levenshtein automata of a typed word (one per edit distance up to the word's allowance), built once
/// and shared: by the three fields the word is looked up in, and by later searches with the same word. Building them
/// (determinizing, converting to UTF-8) cost about half of a search's CPU when every fuzzy clause built its own. The
/// automata depend on the word alone, never on the index, so sharing changes no result. Bounded: when full it starts
/// over, so words typed once (typos) can't grow it without limit.
/// </summary>
public sealed class TypoAutomata(int capacity = TypoAutomata.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<(string Word, int Edits), CompiledAutomaton[]> _automata = new();
    private long _hits;
    private long _misses;
    private int _count;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>A fuzzy query on one field whose automata come from this cache (transpositions count as one edit).</summary>
    public Query Query(string field, string word, int edits, int maxExpansions) =>
        new SharedFuzzyQuery(new Term(field, word), edits, maxExpansions, this);

    private CompiledAutomaton[] For(string word, int edits)
    {
        if (_automata.TryGetValue((word, edits), out var known))
        {
            Interlocked.Increment(ref _hits);
            return known;
        }

        Interlocked.Increment(ref _misses);
        var builder = new LevenshteinAutomata(word, withTranspositions: true);
        var automata = new CompiledAutomaton[edits + 1];
        for (var distance = 0; distance <= edits; distance++)
        {
            // As FuzzyTermsEnum builds them itself (no constant prefix): finite, not simplified.
            automata[distance] = new CompiledAutomaton(builder.ToAutomaton(distance), true, false);
        }

        // A count of our own: ConcurrentDictionary.Count takes every lock of the dictionary.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _automata.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _automata[(word, edits)] = automata;
        return automata;
    }

    /// <summary>
    /// Lucene's fuzzy query (same matching, same ranking of expansions by closeness), handed ready-made automata:
    /// FuzzyTermsEnum builds only the distances its attribute does not hold yet.
    /// </summary>
    private sealed class SharedFuzzyQuery(Term term, int edits, int maxExpansions, TypoAutomata cache)
        : FuzzyQuery(term, edits, prefixLength: 0, maxExpansions, transpositions: true)
    {
        protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts)
        {
            var prepared = atts.AddAttribute<FuzzyTermsEnum.ILevenshteinAutomataAttribute>().Automata;
            if (prepared.Count == 0)
            {
                foreach (var automaton in cache.For(Term.Text, MaxEdits))
                {
                    prepared.Add(automaton);
                }
            }

            return base.GetTermsEnum(terms, atts);
        }
    }
}
