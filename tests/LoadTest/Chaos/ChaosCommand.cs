using System.Collections.Concurrent;
using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.FlashSale;
using Ecommerce.LoadTest.Http;
using Ecommerce.LoadTest.Race;
using Ecommerce.LoadTest.Reports;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>
/// The chaos drill end to end: a flash sale whose buyers retry like real clients (same Idempotency-Key), while a random
/// silo is killed every few seconds and PostgreSQL is restarted once; then the audit and the report with the
/// availability timeline. Answers the process's exit code: the audit's verdict.
/// </summary>
public static class ChaosCommand
{
    public static async Task<int> RunAsync(ChaosOptions options, HttpClient http, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        var silos = SiloProcesses.From(options);
        var found = await silos.FindAsync(interrupt);
        if (found.Count == 0)
        {
            await terminal.Error.WriteLineAsync(
                $"Setup failed: no live silo process found in {options.SiloPidDirectory ?? $"the output of '{options.SiloCommand}'"}.");
            return ExitCodes.UsageOrSetupError;
        }

        var shop = new ShopApi(http);
        var sale = options.Sale;
        if (await FlashSaleSetup.TryPrepareAsync(shop, sale, terminal, interrupt) is not { } plan)
        {
            return ExitCodes.UsageOrSetupError;
        }

        var seed = sale.Seed ?? Random.Shared.Next();
        await terminal.Out.WriteLineAsync(
            $"Drill: {sale.Concurrency} buyers retrying like real clients for {options.Duration.TotalSeconds:0.#} s; a silo killed every " +
            $"{options.KillEvery.TotalSeconds:0.#} s (of {found.Count} found: {string.Join(", ", found.Select(s => s.Name))})" +
            (options.RestartPostgres is null ? "" : $"; PostgreSQL restarted at {options.PostgresRestartTime().TotalSeconds:0.#} s") +
            $" (seed {seed}).");
        var (settings, race, drill) = await RaceAsync(options, http, terminal, plan, silos, seed, interrupt);
        var raceEnded = Stopwatch.GetTimestamp();
        var created = drill.Created;

        await terminal.Out.WriteLineAsync("Auditing: reading the stock, every buyer's orders and inbox, and the event consumers' counts back...");
        AuditReport audit;
        ChaosAuditFigures? figures = null;
        try
        {
            (audit, figures) = await new ChaosReadBack(shop, options, terminal.Out)
                .AuditAsync(plan, created, race.Purchases?.GaveUp ?? 0, raceEnded, CancellationToken.None);
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            audit = AuditReport.Unreadable(Failures.Describe(e, options.Api));
        }

        var summary = new ChaosSummary(
            options.KillEvery.TotalSeconds,
            options.SiloPidDirectory is { } directory ? $"pid files in {directory}" : $"pids printed by: {options.SiloCommand}",
            options.RestartPostgres,
            options.ReservationTtl.TotalSeconds,
            options.GiveUpAfter.TotalSeconds,
            drill.Events,
            Availability.Timeline(race.Samples),
            Availability.Recoveries(drill.Events, race.Samples, race.Elapsed),
            race.Purchases ?? new PurchaseTally(0, 0, 0, 0),
            figures);
        var report = LoadReport.Create("chaos", options.Api, FlashSaleCommand.Target, settings, race,
            new SaleSummary(plan.Sku, plan.ProductCreated, plan.UnitsOnSale, plan.MaxPerCustomer, plan.Buyers.Count,
                sale.Quantity, sale.PaymentToken, seed, created.Count * (long)sale.Quantity),
            audit) with
        { Chaos = summary };
        await ReportWriter.PublishAsync(report, sale.ReportDirectory, terminal);
        return await FlashSaleCommand.VerdictAsync(audit, terminal);
    }

    private static async Task<(RaceSettings Settings, RaceResult Result, DrillLog Drill)> RaceAsync(ChaosOptions options, HttpClient http,
        Terminal terminal, FlashSalePlan plan, SiloProcesses silos, int seed, CancellationToken interrupt)
    {
        var buyerOf = plan.Buyers.Select((b, i) => (b.Token, i)).ToDictionary(x => x.Token, x => x.i, StringComparer.Ordinal);
        var created = new ConcurrentBag<CreatedOrder>();
        var sale = options.Sale;
        var settings = new RaceSettings(sale.Concurrency, sale.Duration, FlashSaleCommand.IsRefusal)
        {
            Retry = new RetryPolicy(options.GiveUpAfter),
            OnAnswer = (request, response) =>
            {
                // The 201's Location names the order; the bearer token says whose it is.
                if (response.StatusCode == HttpStatusCode.Created
                    && response.Headers.Location is { } location
                    && Guid.TryParse(location.OriginalString.TrimEnd('/').Split('/')[^1], out var orderId)
                    && request.Headers.Authorization?.Parameter is { } token
                    && buyerOf.TryGetValue(token, out var buyer))
                {
                    created.Add(new CreatedOrder(buyer, orderId));
                }
            },
        };
        var body = ShopApi.OrderBody(plan.Sku, sale.Quantity, sale.PaymentToken);
        var pickers = Enumerable.Range(0, sale.Concurrency).Select(worker => new Random(unchecked(seed + worker))).ToArray();
        HttpRequestMessage NextOrder(int worker) =>
            ShopApi.PlaceOrderRequest(plan.Buyers[pickers[worker].Next(plan.Buyers.Count)].Token, body);

        // Plain lines, not a line rewritten in place: the drill's own lines (kills, restarts) come between them.
        var progress = new ProgressLine(terminal.Out, rewrite: false, [201, 409, 503], sale.Quantity, plan.UnitsOnSale);
        var disruptions = new Disruptions(options, silos, terminal.Out, new Random(seed));
        using var raceOver = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var chaos = disruptions.RunAsync(Stopwatch.GetTimestamp(), raceOver.Token);
        var result = await new LoadDriver(http).RunAsync(settings, NextOrder, progress.Show, interrupt);
        await raceOver.CancelAsync();
        await chaos;
        return (settings, result, new DrillLog(disruptions.Events, [.. created]));
    }

    private sealed record DrillLog(IReadOnlyList<ChaosEvent> Events, IReadOnlyList<CreatedOrder> Created);
}
