using Ecommerce.LoadTest.Chaos;

namespace Ecommerce.LoadTest.Tests;

public sealed class AvailabilityTests
{
    [Fact]
    public void Answers_are_counted_by_class_in_the_second_they_completed()
    {
        RequestSample[] samples = [Done(0.2, 201), Done(0.9, 409), Done(1.1, 503), Done(1.5, RequestSample.NoResponse), Done(1.7, 201), Done(3.2, 500)];

        var timeline = Availability.Timeline(samples);

        Assert.Equal(
            [new(0, 1, 1, 0, 0), new(1, 1, 0, 1, 1), new(2, 0, 0, 0, 0), new AvailabilitySecond(3, 0, 0, 1, 0)],
            timeline);
    }

    [Fact]
    public void A_kill_is_judged_by_its_last_failure_and_when_orders_per_second_came_back_up_to_the_next_disruption()
    {
        // 10 orders a second, then a kill at 10 s: failures until 14.5 s, orders back at full rate from 16 s. The
        // PostgreSQL restart at 30 s has its own failure, which must not count against the kill.
        var samples = new List<RequestSample>();
        for (var t = 0.05; t < 40; t += 0.1)
        {
            samples.Add(Done(t, t is >= 10 and < 14.5 ? 503 : t is >= 14.5 and < 16 ? (t % 0.2 < 0.1 ? 201 : 503) : 201));
        }

        samples.Add(Done(31, RequestSample.NoResponse));
        ChaosEvent[] events =
        [
            new(10, ChaosEventKind.SiloKilled, "silo-1 (pid 42)"),
            new(20, ChaosEventKind.KillSkipped, "no live silo process found"),
            new(30, ChaosEventKind.PostgresRestarting, "pg_ctl restart"),
            new(31.5, ChaosEventKind.PostgresRestarted, "done"),
        ];

        var recoveries = Availability.Recoveries(events, samples, TimeSpan.FromSeconds(40));

        Assert.Equal(2, recoveries.Count);
        var kill = recoveries[0];
        Assert.Equal("kill silo-1 (pid 42)", kill.What);
        Assert.Equal(10, kill.OrdersPerSecondBefore, precision: 1);
        Assert.InRange(kill.LastFailureAfterSeconds!.Value, 5.8, 6.0);
        Assert.Equal(6, kill.SecondsWithFailures);
        Assert.Equal(5, kill.BackWithinAfterSeconds);
        Assert.True(kill.FailuresWithinTarget && kill.ThroughputWithinTarget);
        var restart = recoveries[1];
        Assert.Equal(("PostgreSQL restart", 1, 1), (restart.What, restart.FailedRequests, restart.SecondsWithFailures));
    }

    [Fact]
    public void Failures_past_ten_seconds_or_a_rate_that_never_comes_back_miss_their_targets()
    {
        var samples = Enumerable.Range(0, 100).Select(i => Done(i * 0.1, 201))
            .Concat(Enumerable.Range(0, 150).Select(i => Done(10 + (i * 0.1), 503)))
            .Concat(Enumerable.Range(0, 50).Select(i => Done(25 + (i * 0.2), 201)))
            .ToList();

        var kill = Assert.Single(Availability.Recoveries([new(10, ChaosEventKind.SiloKilled, "silo-0")], samples, TimeSpan.FromSeconds(35)));

        Assert.False(kill.FailuresWithinTarget);
        Assert.Null(kill.BackWithinAfterSeconds);
        Assert.False(kill.ThroughputWithinTarget);
    }

    private static RequestSample Done(double completedAt, int status) =>
        new(TimeSpan.FromSeconds(completedAt) - TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), status);
}
