using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.Http;
using Ecommerce.LoadTest.Race;
using Ecommerce.LoadTest.Reports;

namespace Ecommerce.LoadTest.FlashSale;

/// <summary>The flash-sale command end to end: setup, race, audit, report; answers the process's exit code.</summary>
public static class FlashSaleCommand
{
    public const string Target = "POST /api/orders";

    /// <summary>Refusals that mean the sale is over for this buyer: out of stock (409) or over the limit (422).</summary>
    public static bool IsRefusal(int status) => status is 409 or 422;

    /// <param name="http">Any client whose BaseAddress is the API: Program's, a test host's, a test double's.</param>
    /// <param name="interrupt">Cancels the setup, or ends the race early (the audit and report still follow).</param>
    public static async Task<int> RunAsync(FlashSaleOptions options, HttpClient http, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        var shop = new ShopApi(http);
        if (await FlashSaleSetup.TryPrepareAsync(shop, options, terminal, interrupt) is not { } plan)
        {
            return ExitCodes.UsageOrSetupError;
        }

        Flood? flood = null;
        if (options.FloodClients > 0)
        {
            try
            {
                flood = await Flood.PrepareAsync(options, terminal.Out, interrupt);
            }
            catch (Exception e) when (Failures.IsApiFailure(e) || e is OperationCanceledException)
            {
                await terminal.Error.WriteLineAsync($"Setup failed (flood): {Failures.Describe(e, options.Api)}");
                return ExitCodes.UsageOrSetupError;
            }
        }

        var seed = options.Seed ?? Random.Shared.Next();
        var flooding = flood?.RunAsync(options.Duration, interrupt);
        var race = await RaceAsync(options, http, terminal, plan, seed, interrupt);
        if (flooding is not null)
        {
            await terminal.Out.WriteLineAsync(await flooding);
            flood!.Dispose();
        }

        await terminal.Out.WriteLineAsync("Auditing: reading the stock and every buyer's orders back through the API...");
        var created = race.Result.Samples.LongCount(s => s.Status == 201);
        AuditReport audit;
        try
        {
            // Not cancelled by Ctrl-C: a stopped race is still audited (a second Ctrl-C ends the process).
            audit = await new Audit(shop).RunAsync(plan, created, CancellationToken.None);
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            audit = AuditReport.Unreadable(Failures.Describe(e, options.Api));
        }

        var sale = new SaleSummary(plan.Sku, plan.ProductCreated, plan.UnitsOnSale, plan.MaxPerCustomer, plan.Buyers.Count,
            options.Quantity, options.PaymentToken, seed, created * options.Quantity);
        var report = LoadReport.Create("flash-sale", options.Api, Target, race.Settings, race.Result, sale, audit);
        await ReportWriter.PublishAsync(report, options.ReportDirectory, terminal);
        return await VerdictAsync(audit, terminal);
    }

    /// <summary>Prints the audit's verdict (the failed checks, when any) and answers the process's exit code.</summary>
    public static async Task<int> VerdictAsync(AuditReport audit, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(terminal);
        if (audit.Passed)
        {
            await terminal.Out.WriteLineAsync("AUDIT PASSED: every check holds.");
            return ExitCodes.Passed;
        }

        var failed = string.Join("; ", audit.Checks.Where(c => !c.Passed).Select(c => $"{c.Name} ({c.Detail})"));
        await terminal.Error.WriteLineAsync($"AUDIT FAILED: {failed}");
        return ExitCodes.AuditFailed;
    }

    private static async Task<(RaceSettings Settings, RaceResult Result)> RaceAsync(FlashSaleOptions options, HttpClient http,
        Terminal terminal, FlashSalePlan plan, int seed, CancellationToken interrupt)
    {
        var settings = new RaceSettings(options.Concurrency, options.Duration, options.EndOnRefusals ? IsRefusal : null);
        var body = ShopApi.OrderBody(plan.Sku, options.Quantity, options.PaymentToken);

        // One generator per worker (Random is not thread-safe); the seed makes each worker's picks repeatable.
        var pickers = Enumerable.Range(0, options.Concurrency).Select(worker => new Random(unchecked(seed + worker))).ToArray();
        HttpRequestMessage NextOrder(int worker) =>
            ShopApi.PlaceOrderRequest(plan.Buyers[pickers[worker].Next(plan.Buyers.Count)].Token, body, options.IdempotencyKeys);

        await terminal.Out.WriteLineAsync(
            $"Race: {options.Concurrency} workers ordering {options.Quantity} unit(s) of {plan.Sku} for up to " +
            $"{options.Duration.TotalSeconds:0.#} s (seed {seed}){(options.EndOnRefusals ? "; it ends early once everything is refused" : "")}.");
        var progress = new ProgressLine(terminal.Out, terminal.Interactive, [201, 409, 422], options.Quantity, plan.UnitsOnSale);
        var result = await new LoadDriver(http).RunAsync(settings, NextOrder, progress.Show, interrupt);
        progress.Finish();
        return (settings, result);
    }
}
