namespace Ecommerce.LoadTest.Race;

/// <summary>One request of a race.</summary>
/// <param name="StartedAt">When it was sent, since the race started.</param>
/// <param name="Latency">From sending to the whole response read.</param>
/// <param name="Status">The HTTP status, or <see cref="NoResponse"/> when there was none (timeout, connection error).</param>
/// <param name="Attempt">1 for a purchase's first request; 2 and up for its retries (same request, same Idempotency-Key).</param>
public readonly record struct RequestSample(TimeSpan StartedAt, TimeSpan Latency, int Status, int Attempt = 1)
{
    public const int NoResponse = 0;

    public TimeSpan CompletedAt => StartedAt + Latency;

    public double LatencyMs => Latency.TotalMilliseconds;
}
