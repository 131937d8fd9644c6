using Ecommerce.LoadTest.Catalog;
using Ecommerce.LoadTest.Ceiling;
using Ecommerce.LoadTest.Chaos;
using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Fuzz;
using Ecommerce.LoadTest.Http;
using Ecommerce.LoadTest.Paths;

namespace Ecommerce.LoadTest;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var terminal = Terminal.FromConsole();
        switch (CommandLine.Parse(args, Environment.GetEnvironmentVariable))
        {
            case HelpRequested:
                await terminal.Out.WriteAsync(Usage.Text);
                return ExitCodes.Passed;
            case UsageError error:
                await terminal.Error.WriteLineAsync($"{error.Message}\nRun with --help for the options.");
                return ExitCodes.UsageOrSetupError;
            case FlashSaleRequested { Options: var options }:
                using (var http = LoadHttpClient.Create(options.Api, options.Concurrency))
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    return await FlashSaleCommand.RunAsync(options, http, terminal, interrupt.Token);
                }

            case ChaosRequested { Options: var options }:
                using (var http = LoadHttpClient.Create(options.Api, options.Sale.Concurrency))
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    return await ChaosCommand.RunAsync(options, http, terminal, interrupt.Token);
                }

            case CeilingRequested { Options: var options }:
                using (var http = LoadHttpClient.Create(options.Api, options.Concurrency))
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    return await CeilingCommand.RunAsync(options, http, terminal, interrupt.Token);
                }

            case CatalogRequested { Options: var options }:
                using (var http = LoadHttpClient.Create(options.Api, options.Concurrency))
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    // An import call of 1,000 products on a busy cluster can take longer than a race's request may.
                    http.Timeout = TimeSpan.FromMinutes(2);
                    return await CatalogCommand.RunAsync(options, http, terminal, interrupt.Token);
                }

            case PathsRequested { Options: var options }:
                using (var http = LoadHttpClient.Create(options.Api, options.Concurrency))
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    return await PathsCommand.RunAsync(options, http, terminal, interrupt.Token);
                }

            case FuzzRequested { Options: var options }:
                using (var interrupt = StopOnFirstCtrlC(terminal))
                {
                    return await FuzzCommand.RunAsync(options, terminal, interrupt.Token);
                }

            default:
                throw new InvalidOperationException("Unhandled command.");
        }
    }

    /// <summary>The first Ctrl-C ends the race early and still audits and reports; a second one ends the process.</summary>
    private static CancellationTokenSource StopOnFirstCtrlC(Terminal terminal)
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                terminal.Error.WriteLine("\nStopping: waiting for requests in flight, then auditing (Ctrl-C again to quit now).");
                stop.Cancel();
            }
        };
        return stop;
    }
}
