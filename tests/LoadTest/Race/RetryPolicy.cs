namespace Ecommerce.LoadTest.Race;

/// <summary>
/// How a real client retries a purchase that got no answer, a 5xx or a 429: the same request with the same
/// Idempotency-Key, after the server's Retry-After or an exponential backoff with jitter, until an answer that settles
/// it (2xx or 4xx) or until <see cref="GiveUpAfter"/> has passed since its first attempt.
/// </summary>
public sealed record RetryPolicy(TimeSpan GiveUpAfter)
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    public static bool IsRetryable(int status) => status is RequestSample.NoResponse or 429 or >= 500;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: what the server asked for (capped), else backoff.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > LongestWait ? LongestWait : asked;
        }

        // Full jitter over a doubling ceiling: clients cut off together do not come back together.
        var ceiling = Math.Min(FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10)), 2_000);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}

/// <summary>How the purchases of a race with retries ended.</summary>
/// <param name="Purchases">Purchases begun (each one's first request).</param>
/// <param name="Retried">Purchases that needed more than one request.</param>
/// <param name="GaveUp">Purchases whose last request still got no answer, a 5xx or a 429 when the client gave up.</param>
/// <param name="MostAttempts">The most requests one purchase took.</param>
public sealed record PurchaseTally(long Purchases, long Retried, long GaveUp, int MostAttempts);
