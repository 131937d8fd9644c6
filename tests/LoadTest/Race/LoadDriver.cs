namespace Ecommerce.LoadTest.Race;

/// <summary>
/// Closed-loop load: a fixed number of workers, each sending its next request as soon as its last one is answered,
/// so the offered load follows what the server can take and every latency is a real wait. Used by both commands.
/// </summary>
public sealed class LoadDriver(HttpClient http)
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    /// <param name="nextRequest">Builds a worker's next request (argument: the worker's index).</param>
    /// <param name="onTick">Called about once a second with the figures so far (the progress line).</param>
    /// <param name="stopEarly">Ends the race like its duration would: requests in flight are still awaited.</param>
    public async Task<RaceResult> RunAsync(
        RaceSettings settings,
        Func<int, HttpRequestMessage> nextRequest,
        Action<RaceSnapshot>? onTick = null,
        CancellationToken stopEarly = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(nextRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Concurrency, 1);

        var recorder = new LatencyRecorder();
        var state = new RaceState(Stopwatch.GetTimestamp());
        var purchases = settings.Retry is null ? null : new PurchaseCounter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopEarly);
        stop.CancelAfter(settings.Duration);
        var startedAt = DateTimeOffset.UtcNow;

        var workers = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => Task.Run(() => WorkAsync(worker, settings, nextRequest, recorder, state, purchases, stop.Token)))
            .ToArray();
        var reason = await WatchAsync(settings, recorder, state, onTick, stop, stopEarly);
        await Task.WhenAll(workers);

        var elapsed = Stopwatch.GetElapsedTime(state.Start);
        onTick?.Invoke(recorder.Snapshot(elapsed) with { Final = true });
        return new RaceResult(startedAt, elapsed, reason, recorder.Samples(), purchases?.Tally());
    }

    /// <summary>
    /// One worker: a purchase after another. With a retry policy, a purchase whose answer says "try again" is sent
    /// again until it is settled or given up; retries go on after the stop signal, as a client's would.
    /// </summary>
    private async Task WorkAsync(int worker, RaceSettings settings, Func<int, HttpRequestMessage> nextRequest,
        LatencyRecorder recorder, RaceState state, PurchaseCounter? purchases, CancellationToken stop)
    {
        // Jitter only: the requests themselves come from the caller's (seeded) generator.
        var jitter = new Random(worker);
        while (!stop.IsCancellationRequested)
        {
            using var first = nextRequest(worker);
            var began = Stopwatch.GetTimestamp();
            var (status, retryAfter) = await SendAsync(first, attempt: 1, settings, recorder, state);
            if (settings.Retry is not { } retry || purchases is null)
            {
                continue;
            }

            var attempt = 1;
            while (RetryPolicy.IsRetryable(status) && Stopwatch.GetElapsedTime(began) < retry.GiveUpAfter)
            {
                await Task.Delay(RetryPolicy.Delay(attempt, retryAfter, jitter), CancellationToken.None);
                using var again = await RequestCopy.OfAsync(first);
                attempt++;
                (status, retryAfter) = await SendAsync(again, attempt, settings, recorder, state);
            }

            purchases.Record(attempt, gaveUp: RetryPolicy.IsRetryable(status));
        }
    }

    /// <summary>Sends one request and records it; answers its status and the server's Retry-After, if any.</summary>
    private async Task<(int Status, TimeSpan? RetryAfter)> SendAsync(HttpRequestMessage request, int attempt, RaceSettings settings,
        LatencyRecorder recorder, RaceState state)
    {
        var sent = Stopwatch.GetTimestamp();
        var status = RequestSample.NoResponse;
        TimeSpan? retryAfter = null;
        try
        {
            // Not cancelled by the stop signal: an order in flight may be placed, and the audit must find its answer.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            status = (int)response.StatusCode;
            retryAfter = response.Headers.RetryAfter is { } after ? after.Delta ?? (after.Date - DateTimeOffset.UtcNow) : null;
            settings.OnAnswer?.Invoke(request, response);
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout: counted as a request without a response.
        }

        var done = Stopwatch.GetTimestamp();
        recorder.Record(new RequestSample(
            Stopwatch.GetElapsedTime(state.Start, sent), Stopwatch.GetElapsedTime(sent, done), status, attempt));
        Interlocked.Exchange(ref state.LastCompleted, done);
        if (settings.IsRefusal is not { } isRefusal || !isRefusal(status))
        {
            Interlocked.Exchange(ref state.LastAccepted, done);
        }

        return (status, retryAfter);
    }

    private static async Task<StopReason> WatchAsync(RaceSettings settings, LatencyRecorder recorder, RaceState state,
        Action<RaceSnapshot>? onTick, CancellationTokenSource stop, CancellationToken stopEarly)
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var snapshot = recorder.Snapshot(Stopwatch.GetElapsedTime(state.Start));
                onTick?.Invoke(snapshot);
                if (settings.IsRefusal is not null && state.OnlyRefusedWithin(settings.Window))
                {
                    await stop.CancelAsync();
                    return StopReason.AllRefused;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return stopEarly.IsCancellationRequested ? StopReason.Interrupted : StopReason.Duration;
    }

    /// <summary>How the purchases of a race with retries ended, counted by the workers.</summary>
    private sealed class PurchaseCounter
    {
        private long _purchases;
        private long _retried;
        private long _gaveUp;
        private int _mostAttempts;

        public void Record(int attempts, bool gaveUp)
        {
            Interlocked.Increment(ref _purchases);
            if (attempts > 1)
            {
                Interlocked.Increment(ref _retried);
            }

            if (gaveUp)
            {
                Interlocked.Increment(ref _gaveUp);
            }

            int most;
            while (attempts > (most = Volatile.Read(ref _mostAttempts)) && Interlocked.CompareExchange(ref _mostAttempts, attempts, most) != most)
            {
            }
        }

        public PurchaseTally Tally() =>
            new(Interlocked.Read(ref _purchases), Interlocked.Read(ref _retried), Interlocked.Read(ref _gaveUp), Volatile.Read(ref _mostAttempts));
    }

    /// <summary>Timestamps shared by the workers and the watcher (Stopwatch ticks).</summary>
    private sealed class RaceState(long start)
    {
        public long Start { get; } = start;

        /// <summary>When the last request that was not a refusal completed; the race's start until there is one.</summary>
        public long LastAccepted = start;

        /// <summary>When the last request of any kind completed.</summary>
        public long LastCompleted = start;

        /// <summary>Requests did complete within the window (the shop is answering), and every one was a refusal.</summary>
        public bool OnlyRefusedWithin(TimeSpan window) =>
            Stopwatch.GetElapsedTime(Interlocked.Read(ref LastAccepted)) >= window
            && Stopwatch.GetElapsedTime(Interlocked.Read(ref LastCompleted)) < window;
    }
}
