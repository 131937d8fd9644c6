using Ecommerce.LoadTest.Race;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>One second of a drill: its answers by class, counted in the second they completed.</summary>
/// <param name="Success">2xx: orders placed.</param>
/// <param name="Refused">4xx: refusals (sold out, over the limit, too many requests) and any other client error.</param>
/// <param name="Failed">5xx: the shop could not answer (503 from a dying silo, ...).</param>
/// <param name="NoAnswer">No response at all (timeout, connection refused).</param>
public sealed record AvailabilitySecond(int Second, long Success, long Refused, long Failed, long NoAnswer);

/// <summary>How the shop came through one disruption (a kill, or the PostgreSQL restart).</summary>
/// <param name="AtSeconds">When it happened, since the race started.</param>
/// <param name="LastFailureAfterSeconds">From the disruption to the last 5xx or unanswered request before the next one; null when there was none.</param>
/// <param name="SecondsWithFailures">Whole seconds after the disruption in which some request failed (5xx or no answer).</param>
/// <param name="FailedRequests">5xx and unanswered requests between this disruption and the next.</param>
/// <param name="OrdersPerSecondBefore">201s per second over the <see cref="Recovery.BaselineSeconds"/> before it.</param>
/// <param name="BackWithinAfterSeconds">
/// From the disruption to the first whole second from which 201s per second, over <see cref="Recovery.SmoothingSeconds"/>,
/// are back within 20% of before; null when that did not happen before the next disruption.
/// </param>
public sealed record Recovery(
    double AtSeconds,
    string What,
    double? LastFailureAfterSeconds,
    int SecondsWithFailures,
    long FailedRequests,
    double OrdersPerSecondBefore,
    double? BackWithinAfterSeconds)
{
    public const double BaselineSeconds = 5;
    public const double SmoothingSeconds = 3;

    /// <summary>The targets: at most 10 s of failures after a kill, throughput within 20% within 15 s.</summary>
    public const double FailureTargetSeconds = 10;
    public const double ThroughputTargetSeconds = 15;

    public bool FailuresWithinTarget => (LastFailureAfterSeconds ?? 0) <= FailureTargetSeconds;

    public bool ThroughputWithinTarget => BackWithinAfterSeconds is { } back && back <= ThroughputTargetSeconds;
}

public static class Availability
{
    public static bool IsFailure(int status) => status == RequestSample.NoResponse || status >= 500;

    /// <summary>Answers per second by class, from the first second to the one the last answer completed in.</summary>
    public static IReadOnlyList<AvailabilitySecond> Timeline(IReadOnlyList<RequestSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }

        var last = (int)samples.Max(s => s.CompletedAt.TotalSeconds);
        var counts = new long[last + 1, 4];
        foreach (var sample in samples)
        {
            var kind = sample.Status switch
            {
                RequestSample.NoResponse => 3,
                >= 500 => 2,
                >= 400 => 1,
                _ => 0,
            };
            counts[(int)sample.CompletedAt.TotalSeconds, kind]++;
        }

        return [.. Enumerable.Range(0, last + 1).Select(s => new AvailabilitySecond(s, counts[s, 0], counts[s, 1], counts[s, 2], counts[s, 3]))];
    }

    /// <summary>
    /// For each disruption: how long requests kept failing after it, and how soon the order rate came back. Each one is
    /// judged up to the next disruption (or the end of the race), so one's failures are not blamed on another.
    /// </summary>
    public static IReadOnlyList<Recovery> Recoveries(IReadOnlyList<ChaosEvent> events, IReadOnlyList<RequestSample> samples, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(samples);
        var disruptions = events.Where(e => e.IsDisruption).OrderBy(e => e.AtSeconds).ToList();
        var end = Math.Max(elapsed.TotalSeconds, samples.Count == 0 ? 0 : samples.Max(s => s.CompletedAt.TotalSeconds));
        var recoveries = new List<Recovery>(disruptions.Count);
        for (var i = 0; i < disruptions.Count; i++)
        {
            var at = disruptions[i].AtSeconds;
            var until = i + 1 < disruptions.Count ? disruptions[i + 1].AtSeconds : end;
            var failures = samples
                .Where(s => IsFailure(s.Status) && s.CompletedAt.TotalSeconds >= at && s.CompletedAt.TotalSeconds < until)
                .Select(s => s.CompletedAt.TotalSeconds - at)
                .ToList();
            var before = OrdersPerSecond(samples, at - Recovery.BaselineSeconds, at);
            recoveries.Add(new Recovery(
                at,
                disruptions[i].Kind == ChaosEventKind.SiloKilled ? $"kill {disruptions[i].Detail}" : "PostgreSQL restart",
                failures.Count == 0 ? null : Math.Round(failures.Max(), 3),
                failures.Select(f => (int)f).Distinct().Count(),
                failures.Count,
                Math.Round(before, 2),
                BackWithin(samples, at, until, before)));
        }

        return recoveries;
    }

    private static double? BackWithin(IReadOnlyList<RequestSample> samples, double at, double until, double before)
    {
        for (var t = 0.0; at + t + Recovery.SmoothingSeconds <= until; t++)
        {
            if (OrdersPerSecond(samples, at + t, at + t + Recovery.SmoothingSeconds) >= 0.8 * before)
            {
                return t;
            }
        }

        return null;
    }

    private static double OrdersPerSecond(IReadOnlyList<RequestSample> samples, double from, double to)
    {
        from = Math.Max(from, 0);
        return to <= from ? 0 : samples.Count(s => s.Status == 201 && s.CompletedAt.TotalSeconds >= from && s.CompletedAt.TotalSeconds < to) / (to - from);
    }
}
