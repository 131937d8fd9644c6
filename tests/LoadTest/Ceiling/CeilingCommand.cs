using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Http;
using Ecommerce.LoadTest.Race;
using Ecommerce.LoadTest.Reports;

namespace Ecommerce.LoadTest.Ceiling;

/// <summary>
/// The same driver against an endpoint that does no shop work (GET /api/ping by default): the requests per second
/// this machine, the network and the API's pipeline allow at all, against which the flash sale's figures are read.
/// </summary>
public static class CeilingCommand
{
    public static async Task<int> RunAsync(CeilingOptions options, HttpClient http, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(terminal);
        var path = new Uri(options.Path.TrimStart('/'), UriKind.Relative);
        try
        {
            // One untimed request first: a wrong address or path is a usage error, not a run full of failures.
            using var probe = await http.GetAsync(path, interrupt);
            if (!probe.IsSuccessStatusCode)
            {
                await terminal.Error.WriteLineAsync($"Setup failed: GET {options.Path} answered {(int)probe.StatusCode} {probe.ReasonPhrase}.");
                return ExitCodes.UsageOrSetupError;
            }
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            await terminal.Error.WriteLineAsync($"Setup failed: {Failures.Describe(e, options.Api)}");
            return ExitCodes.UsageOrSetupError;
        }

        var settings = new RaceSettings(options.Concurrency, options.Duration);
        await terminal.Out.WriteLineAsync($"Ceiling: {options.Concurrency} workers on GET {options.Path} for {options.Duration.TotalSeconds:0.#} s.");
        var progress = new ProgressLine(terminal.Out, terminal.Interactive, [200]);
        var race = await new LoadDriver(http).RunAsync(settings, _ => new HttpRequestMessage(HttpMethod.Get, path), progress.Show, interrupt);
        progress.Finish();

        var report = LoadReport.Create("ceiling", options.Api, $"GET {options.Path}", settings, race, sale: null, AuditReport.NotApplicable);
        await ReportWriter.PublishAsync(report, options.ReportDirectory, terminal);
        return ExitCodes.Passed;
    }
}
