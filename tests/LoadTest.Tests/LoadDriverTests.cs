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

    [Fact]
    public async Task With_a_retry_policy_a_purchase_is_sent_again_with_the_same_key_until_it_is_settled()
    {
        // Each purchase: no answer, then 503 with Retry-After: 0, then 201.
        using var handler = new Scripted([RequestSample.NoResponse, 503, 201]);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://fake/") };
        var answered = 0;
        var settings = new RaceSettings(Concurrency: 2, Duration: TimeSpan.FromSeconds(1))
        {
            Retry = new RetryPolicy(GiveUpAfter: TimeSpan.FromSeconds(30)),
            OnAnswer = (_, _) => Interlocked.Increment(ref answered),
        };

        var race = await new LoadDriver(http).RunAsync(settings, _ => Purchase());

        var tally = Assert.IsType<PurchaseTally>(race.Purchases);
        Assert.True(tally.Purchases > 0);
        Assert.Equal((tally.Purchases, 0L, 3), (tally.Retried, tally.GaveUp, tally.MostAttempts));
        Assert.Equal(tally.Purchases * 3, race.Samples.Count);
        Assert.Equal(tally.Purchases * 2, answered);
        Assert.All(race.Samples, s => Assert.Equal(s.Attempt switch { 1 => RequestSample.NoResponse, 2 => 503, _ => 201 }, s.Status));

        // Every request of a purchase carried its first Idempotency-Key and body; no two purchases shared one.
        Assert.All(handler.Keys.GroupBy(k => k.Key), g => Assert.Equal(3, g.Count()));
        Assert.All(handler.Keys, k => Assert.Equal("{\"sku\":\"A\"}", k.Body));
    }

    [Fact]
    public async Task A_purchase_the_shop_keeps_failing_is_given_up_after_the_policys_time()
    {
        using var handler = new Scripted([503]);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://fake/") };
        var settings = new RaceSettings(Concurrency: 1, Duration: TimeSpan.FromMilliseconds(100)) { Retry = new RetryPolicy(TimeSpan.FromSeconds(1)) };

        var race = await new LoadDriver(http).RunAsync(settings, _ => Purchase());

        var tally = Assert.IsType<PurchaseTally>(race.Purchases);
        Assert.Equal((1L, 1L, 1L), (tally.Purchases, tally.Retried, tally.GaveUp));
        Assert.InRange(race.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.All(race.Samples, s => Assert.Equal(503, s.Status));
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(5, 800, 1600)]
    [InlineData(12, 1000, 2000)]
    public void Backoff_doubles_with_jitter_and_is_capped_unless_the_server_says_when(int attempt, double fromMs, double toMs)
    {
        var random = new Random(attempt);
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(RetryPolicy.Delay(attempt, retryAfter: null, random).TotalMilliseconds, fromMs, toMs);
        }

        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.Delay(attempt, TimeSpan.FromSeconds(2), random));
        Assert.Equal(RetryPolicy.LongestWait, RetryPolicy.Delay(attempt, TimeSpan.FromMinutes(5), random));
    }

    private static HttpRequestMessage Purchase()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new ByteArrayContent("{\"sku\":\"A\"}"u8.ToArray()) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>Answers each Idempotency-Key's requests with the script in turn (its last entry from then on).</summary>
    private sealed class Scripted(int[] script) : HttpMessageHandler
    {
        private readonly Dictionary<string, int> _seen = [];

        public List<(string Key, string Body)> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            var key = request.Headers.GetValues("Idempotency-Key").Single();
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            int status;
            lock (_seen)
            {
                Keys.Add((key, body));
                var n = _seen[key] = _seen.GetValueOrDefault(key) + 1;
                status = script[Math.Min(n, script.Length) - 1];
            }

            if (status == RequestSample.NoResponse)
            {
                throw new HttpRequestException("Connection reset");
            }

            var response = new HttpResponseMessage((HttpStatusCode)status);
            response.Headers.RetryAfter = status == 503 ? new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) : null;
            return response;
        }
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
