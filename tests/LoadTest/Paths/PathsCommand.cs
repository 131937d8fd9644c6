using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Http;
using Ecommerce.LoadTest.Race;
using Ecommerce.LoadTest.Reports;

namespace Ecommerce.LoadTest.Paths;

/// <summary>
/// The race's driver over a file of GET request paths (a search mix, a hot set of product reads): the workers take
/// the lines in turn, so every path is sent about as often as any other and the order is the file's. A warm-up, not
/// reported, runs first. Same report as the other commands.
/// </summary>
public static class PathsCommand
{
    public static async Task<int> RunAsync(PathsOptions options, HttpClient http, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(terminal);
        Uri[] paths;
        try
        {
            paths = Read(await File.ReadAllLinesAsync(options.File, interrupt));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await terminal.Error.WriteLineAsync($"Setup failed: {options.File}: {e.Message}");
            return ExitCodes.UsageOrSetupError;
        }

        try
        {
            using var probe = await http.GetAsync(paths[0], interrupt);
            if (!probe.IsSuccessStatusCode)
            {
                await terminal.Error.WriteLineAsync($"Setup failed: GET /{paths[0]} answered {(int)probe.StatusCode} {probe.ReasonPhrase}.");
                return ExitCodes.UsageOrSetupError;
            }
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            await terminal.Error.WriteLineAsync($"Setup failed: {Failures.Describe(e, options.Api)}");
            return ExitCodes.UsageOrSetupError;
        }

        var next = -1L;
        HttpRequestMessage Next(int worker)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, paths[(int)(Interlocked.Increment(ref next) % paths.Length)]);
            if (options.Header is var (name, value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }

        var driver = new LoadDriver(http);
        if (options.Warmup > TimeSpan.Zero)
        {
            await terminal.Out.WriteLineAsync($"Warm-up: {options.Warmup.TotalSeconds:0.#} s, not measured.");
            await driver.RunAsync(new RaceSettings(options.Concurrency, options.Warmup), Next, onTick: null, interrupt);
        }

        var settings = new RaceSettings(options.Concurrency, options.Duration);
        var target = $"GET {paths.Length:#,0} paths of {Path.GetFileName(options.File)}";
        await terminal.Out.WriteLineAsync($"Paths: {options.Concurrency} workers, {target}, for {options.Duration.TotalSeconds:0.#} s.");
        var progress = new ProgressLine(terminal.Out, terminal.Interactive, [200]);
        var race = await driver.RunAsync(settings, Next, progress.Show, interrupt);
        progress.Finish();

        var report = LoadReport.Create("paths", options.Api, target, settings, race, sale: null, AuditReport.NotApplicable);
        await ReportWriter.PublishAsync(report, options.ReportDirectory, terminal);
        return ExitCodes.Passed;
    }

    /// <summary>Non-empty lines, each a path on the API starting with '/'; relative to the API's address when sent.</summary>
    public static Uri[] Read(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var paths = new List<Uri>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (!line.StartsWith('/') || !Uri.IsWellFormedUriString(line, UriKind.Relative))
            {
                throw new FormatException($"'{line}' is not a request path starting with '/'.");
            }

            paths.Add(new Uri(line.TrimStart('/'), UriKind.Relative));
        }

        return paths.Count > 0 ? [.. paths] : throw new FormatException("the file holds no request paths.");
    }
}
