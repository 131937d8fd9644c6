namespace Ecommerce.LoadTest.Tests;

public sealed class LoadDriverTests
{
    [Fact]
    public async Task A_race_where_everything_is_refused_ends_before_its_duration()
    {
        using var handler = new AnswerWith(HttpStatusCode.Conflict);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://fake/") };
        var settings = new RaceSettings(Concurrency: 3, Duration: TimeSpan.FromSeconds(60), FlashSaleCommand.IsRefusal);

        var race = await new LoadDriver(http).RunAsync(settings, _ => new HttpRequestMessage(HttpMethod.Post, "api/orders"));

        Assert.Equal(StopReason.AllRefused, race.StopReason);
        Assert.True(race.Elapsed < settings.Duration);
        Assert.NotEmpty(race.Samples);
        Assert.All(race.Samples, s => Assert.Equal(409, s.Status));
    }

    [Fact]
    public async Task A_race_of_answered_requests_runs_its_duration_and_records_each_one()
    {
        using var handler = new AnswerWith(HttpStatusCode.OK);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://fake/") };
        var ticks = new List<RaceSnapshot>();
        var settings = new RaceSettings(Concurrency: 2, Duration: TimeSpan.FromSeconds(1.5), FlashSaleCommand.IsRefusal);

        var race = await new LoadDriver(http).RunAsync(settings, _ => new HttpRequestMessage(HttpMethod.Get, "api/ping"), ticks.Add);

        Assert.Equal(StopReason.Duration, race.StopReason);
        Assert.Equal(handler.Calls, race.Samples.Count);
        Assert.True(ticks[^1].Final);
        Assert.Equal(race.Samples.Count, ticks[^1].Requests);
        Assert.All(race.Samples, s => Assert.True(s.Latency >= TimeSpan.Zero && s.StartedAt >= TimeSpan.Zero));
    }

    [Fact]
    public async Task Requests_without_a_response_are_counted_as_errors()
    {
        using var handler = new AnswerWith(HttpStatusCode.OK) { Fail = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://fake/") };

        var race = await new LoadDriver(http).RunAsync(new RaceSettings(1, TimeSpan.FromSeconds(0.3)),
            _ => new HttpRequestMessage(HttpMethod.Get, "api/ping"));

        Assert.NotEmpty(race.Samples);
        Assert.All(race.Samples, s => Assert.Equal(RequestSample.NoResponse, s.Status));
        Assert.Equal("error", LoadReport.StatusName(race.Samples[0].Status));
    }

    [Fact]
    public void The_progress_line_is_rewritten_on_a_terminal_and_printed_whole_elsewhere()
    {
        var counts = new Dictionary<int, long> { [201] = 10, [409] = 5, [503] = 1 };
        var snapshot = new RaceSnapshot(TimeSpan.FromSeconds(2), 16, counts, 12.5);
        using var terminal = new StringWriter();
        using var log = new StringWriter();

        new ProgressLine(terminal, rewrite: true, [201, 409, 422], unitsPerOrder: 2, unitsOnSale: 30).Show(snapshot);
        new ProgressLine(log, rewrite: false, [201, 409, 422], unitsPerOrder: 2, unitsOnSale: 30).Show(snapshot);

        Assert.StartsWith("\r", terminal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", terminal.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", log.ToString().TrimEnd(), StringComparison.Ordinal);
        var line = log.ToString();
        Assert.Contains("8 req/s", line, StringComparison.Ordinal);
        Assert.Contains("5 orders/s", line, StringComparison.Ordinal);
        Assert.Contains("p99 12.5 ms", line, StringComparison.Ordinal);
        Assert.Contains("201:10 409:5 422:0 other:1", line, StringComparison.Ordinal);
        Assert.Contains("sold 20/30", line, StringComparison.Ordinal);
    }

    /// <summary>Answers every request at once with one status, or fails it as an unreachable server would.</summary>
    private sealed class AnswerWith(HttpStatusCode status) : HttpMessageHandler
    {
        private int _calls;

        public bool Fail { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);

            // A real server's answer takes a moment; without one the workers would spin on a synchronous loop.
            await Task.Delay(1, cancellationToken);
            return Fail ? throw new HttpRequestException("Connection refused") : new HttpResponseMessage(status);
        }
    }
}
