namespace Ecommerce.LoadTest.Race;

/// <param name="Concurrency">Workers, each with one request in flight at a time.</param>
/// <param name="Duration">The longest the race runs.</param>
/// <param name="IsRefusal">
/// Statuses meaning "the shop said no, and will keep saying it" (sold out, over the limit). When set, the race ends
/// early once every request completed in the last <paramref name="RefusalWindow"/> was one of them.
/// </param>
public sealed record RaceSettings(int Concurrency, TimeSpan Duration, Func<int, bool>? IsRefusal = null, TimeSpan? RefusalWindow = null)
{
    public static readonly TimeSpan DefaultRefusalWindow = TimeSpan.FromSeconds(2);

    public TimeSpan Window => RefusalWindow ?? DefaultRefusalWindow;

    /// <summary>When set, a request that gets no answer, a 5xx or a 429 is sent again, as a real client would.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Sees each request with its answer (headers read, body buffered), before the request is disposed.</summary>
    public Action<HttpRequestMessage, HttpResponseMessage>? OnAnswer { get; init; }
}

public enum StopReason
{
    /// <summary>The race ran for its whole duration.</summary>
    Duration,

    /// <summary>Every request of the last refusal window was refused: nothing is left to sell.</summary>
    AllRefused,

    /// <summary>The operator stopped it (Ctrl-C).</summary>
    Interrupted,
}

/// <summary>What a race measured.</summary>
/// <param name="StartedAt">Wall-clock start, for the report.</param>
/// <param name="Elapsed">From the first request sent to the last response read.</param>
/// <param name="Purchases">How purchases ended, for a race with retries; null without.</param>
public sealed record RaceResult(DateTimeOffset StartedAt, TimeSpan Elapsed, StopReason StopReason, IReadOnlyList<RequestSample> Samples,
    PurchaseTally? Purchases = null);
