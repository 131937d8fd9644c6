namespace Ecommerce.LoadTest.Race;

/// <summary>A race's figures at one moment; <see cref="Final"/> once the race is over.</summary>
public sealed record RaceSnapshot(TimeSpan Elapsed, long Requests, IReadOnlyDictionary<int, long> StatusCounts, double P99Ms)
{
    public bool Final { get; init; }

    public long Count(int status) => StatusCounts.GetValueOrDefault(status);
}
