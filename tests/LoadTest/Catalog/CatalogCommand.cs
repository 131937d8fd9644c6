using Ecommerce.CatalogData;
using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.Catalog;

/// <summary>
/// Loads a generated catalog through the admin's bulk import: the products are generated as they are sent (a million
/// need not be held at once), C import calls in flight, each of up to 1,000 products. A call that fails on the
/// server's side (5xx, no answer) is tried again; one that is refused (4xx) ends the load. Prints the elapsed time
/// and products per second; the line starting with "Loaded" is the one scripts read.
/// </summary>
public static class CatalogCommand
{
    private const int Attempts = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="http">Any client whose BaseAddress is the API: Program's, a test host's.</param>
    public static async Task<int> RunAsync(CatalogOptions options, HttpClient http, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        var shop = new ShopApi(http);
        string admin;
        try
        {
            admin = await shop.LogInAsync(options.AdminEmail, options.AdminPassword, interrupt);
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            await terminal.Error.WriteLineAsync($"Setup failed: {Failures.Describe(e, options.Api)}");
            return ExitCodes.UsageOrSetupError;
        }

        await terminal.Out.WriteLineAsync(
            $"Catalog: {options.Products:#,0} generated products (seed {options.Seed}), {options.Batch} per import call, " +
            $"{options.Concurrency} calls at a time.");
        var loaded = 0L;
        var created = 0L;
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var progress = ShowProgressAsync(terminal, options.Products, () => Interlocked.Read(ref loaded), clock, stop.Token);
        try
        {
            await Parallel.ForEachAsync(
                CatalogGenerator.Generate(options.Products, options.Seed).Chunk(options.Batch),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = interrupt },
                async (batch, cancellation) =>
                {
                    var answer = await ImportAsync(shop, admin, JsonSerializer.SerializeToUtf8Bytes(batch, Json), cancellation);
                    Interlocked.Add(ref loaded, answer.Imported);
                    Interlocked.Add(ref created, answer.Created);
                });
        }
        catch (Exception e) when (Failures.IsApiFailure(e) || e is OperationCanceledException)
        {
            await stop.CancelAsync();
            await progress;
            await terminal.Error.WriteLineAsync(interrupt.IsCancellationRequested
                ? $"Interrupted after {loaded:#,0} products."
                : $"Load failed after {loaded:#,0} products: {Failures.Describe(e, options.Api)}");
            return interrupt.IsCancellationRequested ? ExitCodes.UsageOrSetupError : ExitCodes.LoadFailed;
        }

        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await progress;
        await terminal.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {loaded:#,0} products ({created:#,0} new) in {elapsed.TotalSeconds:0.00} s: {loaded / Math.Max(elapsed.TotalSeconds, 1e-3):#,0} products/s"));
        return ExitCodes.Passed;
    }

    private static async Task<ImportAnswer> ImportAsync(ShopApi shop, string admin, byte[] body, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await shop.ImportAsync(admin, body, cancellation);
            }
            catch (Exception e) when (attempt < Attempts && !cancellation.IsCancellationRequested && IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellation);
            }
        }
    }

    /// <summary>Worth another try: the server failed (5xx) or did not answer, rather than refusing the products.</summary>
    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or TaskCanceledException || (e is ShopApiException { Status: { } status } && (int)status >= 500);

    private static async Task ShowProgressAsync(Terminal terminal, int total, Func<long> loaded, Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var (before, beforeAt) = (0L, TimeSpan.Zero);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var (now, at) = (loaded(), clock.Elapsed);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"[{at.TotalSeconds,5:0.0}s] {now,9:#,0}/{total:#,0} products {(now - before) / (at - beforeAt).TotalSeconds,8:#,0}/s");
                (before, beforeAt) = (now, at);
                if (terminal.Interactive)
                {
                    await terminal.Out.WriteAsync($"\r{line}");
                }
                else
                {
                    await terminal.Out.WriteLineAsync(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (terminal.Interactive)
        {
            await terminal.Out.WriteLineAsync();
        }
    }
}
