using System.Collections.Concurrent;

namespace Ecommerce.Benchmarks;

/// <summary>Counts the grain calls a silo serves, by interface and method: where an operation's calls go.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate($"{context.InterfaceName}.{context.MethodName}", 1, static (_, n) => n + 1);
        return context.Invoke();
    }

    public void Reset() => _calls.Clear();

    /// <summary>Calls per operation, most first.</summary>
    public IReadOnlyList<(string Method, double PerOperation)> PerOperation(long operations) =>
        [.. _calls.OrderByDescending(c => c.Value).Select(c => (c.Key, (double)c.Value / Math.Max(1, operations)))];
}
