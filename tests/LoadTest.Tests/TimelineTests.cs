namespace Ecommerce.LoadTest.Tests;

public sealed class TimelineTests
{
    [Fact]
    public void Requests_are_counted_in_the_second_they_completed_with_that_seconds_percentiles()
    {
        RequestSample[] samples =
        [
            Sample(0.1, 10, 201), Sample(0.2, 20, 201), Sample(0.5, 30, 409),
            Sample(1.1, 40, 409), Sample(1.5, 50, 409),
        ];

        var timeline = Timeline.Of(samples, TimeSpan.FromSeconds(2));

        Assert.Equal(2, timeline.Count);
        Assert.Equal(new TimelineSecond(0, 3, 2, 3, 2, 20, 30), timeline[0]);
        Assert.Equal(new TimelineSecond(1, 2, 0, 2, 0, 40, 50), timeline[1]);
    }

    [Fact]
    public void A_short_tail_after_the_stop_joins_the_last_whole_second()
    {
        // 10 requests in each of 3 seconds, then 4 more draining out in the 0.2 s after the stop.
        var samples = Enumerable.Range(0, 30).Select(i => Sample(i / 10.0, 1, 200))
            .Concat(Enumerable.Range(0, 4).Select(i => Sample(3.0 + i * 0.05, 1, 200)))
            .ToArray();

        var timeline = Timeline.Of(samples, TimeSpan.FromSeconds(3.2));

        Assert.Equal(3, timeline.Count);
        Assert.Equal(14, timeline[2].Requests);
        Assert.Equal(14 / 1.2, timeline[2].RequestsPerSecond, precision: 2);
        Assert.Equal(samples.Length, timeline.Sum(p => p.Requests));
    }

    /// <summary>A request that completed at <paramref name="completedAt"/> seconds after taking <paramref name="ms"/>.</summary>
    private static RequestSample Sample(double completedAt, double ms, int status) =>
        new(TimeSpan.FromSeconds(completedAt) - TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms), status);
}
