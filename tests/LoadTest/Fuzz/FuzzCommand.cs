using System.Net.Http.Headers;
using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.Fuzz;

/// <summary>
/// Fuzzes a running API: as an anonymous caller, a new buyer, the admin and a forged token, over every operation of
/// its OpenAPI document. Prints the answers by status and the count of 5xx (the line scripts read starts with
/// "5xx:"), and the failing requests; exit code 1 when any request got a 5xx.
/// </summary>
public static class FuzzCommand
{
    /// <summary>A token of the right shape signed with a key nobody has.</summary>
    public const string ForgedToken =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl";

    public static async Task<int> RunAsync(FuzzOptions options, Terminal terminal, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        using var anonymous = LoadHttpClient.Create(options.Api, options.Concurrency);
        using var buyer = LoadHttpClient.Create(options.Api, options.Concurrency);
        using var admin = LoadHttpClient.Create(options.Api, options.Concurrency);
        using var forged = LoadHttpClient.Create(options.Api, options.Concurrency);
        try
        {
            var shop = new ShopApi(anonymous);
            var email = $"fuzz-{Guid.NewGuid():N}@shop.test";
            await shop.RegisterAsync(email, "fuzz-password-1", "Fuzz Buyer", interrupt);
            buyer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await shop.LogInAsync(email, "fuzz-password-1", interrupt));
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await shop.LogInAsync(options.AdminEmail, options.AdminPassword, interrupt));
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken);
        }
        catch (Exception e) when (Failures.IsApiFailure(e))
        {
            await terminal.Error.WriteLineAsync($"Setup failed: {Failures.Describe(e, options.Api)}");
            return ExitCodes.UsageOrSetupError;
        }

        await terminal.Out.WriteLineAsync($"Fuzz: {options.Requests:#,0} generated requests over the API's OpenAPI document, {options.Concurrency} at a time.");
        var clock = Stopwatch.StartNew();
        var outcome = await FuzzRun.RunAsync(c => c switch
        {
            Caller.Buyer => buyer,
            Caller.Admin => admin,
            Caller.Forged => forged,
            _ => anonymous,
        }, options.Requests, options.Concurrency, interrupt);
        await terminal.Out.WriteAsync(Render(outcome, clock.Elapsed));
        return outcome.ServerErrorCount == 0 ? ExitCodes.Passed : ExitCodes.AuditFailed;
    }

    public static string Render(FuzzOutcome outcome, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sent {outcome.Requests:#,0} requests in {elapsed.TotalSeconds:0.0} s over {outcome.ByOperation.Count} operations ({outcome.NotSent} the client could not send).");
        text.AppendLine("By status: " + string.Join(", ", outcome.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        text.AppendLine(CultureInfo.InvariantCulture, $"4xx without a problem document: {outcome.NotProblemDocuments.Count}");
        foreach (var failure in outcome.NotProblemDocuments)
        {
            text.AppendLine("  " + failure);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"5xx: {outcome.ServerErrorCount}");
        foreach (var failure in outcome.ServerErrors)
        {
            text.AppendLine("  " + failure);
        }

        return text.ToString();
    }
}
