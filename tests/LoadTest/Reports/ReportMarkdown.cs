using Ecommerce.LoadTest.Chaos;

namespace Ecommerce.LoadTest.Reports;

/// <summary>report.md, and what the console prints at the end: the same figures as text.</summary>
public static class ReportMarkdown
{
    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var verdict = report.Sale is null ? "" : report.Audit.Passed ? " — audit PASSED" : " — audit FAILED";
        md.AppendLine(Invariant($"# {Title(report)}{verdict}"));
        md.AppendLine();
        md.AppendLine(Invariant($"- API: {report.Api} — {report.Target}, {report.Concurrency} concurrent workers"));
        md.AppendLine(Invariant($"- Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; ran {report.DurationSeconds:0.0} s of at most {report.DurationLimitSeconds:0.#} s ({report.StopReasonText})"));
        if (report.Sale is { } sale)
        {
            md.AppendLine(Invariant($"- Product {sale.Sku} ({(sale.ProductCreated ? "created for this run" : "reused")}): {sale.UnitsOnSale} units on sale, {(sale.MaxPerCustomer is { } max ? $"at most {max} per customer" : "no limit per customer")}"));
            md.AppendLine(Invariant($"- {sale.Buyers} buyers, {sale.Quantity} unit(s) per order, payment token {sale.PaymentToken}, seed {sale.Seed}"));
        }

        md.AppendLine();
        md.AppendLine("## Throughput");
        md.AppendLine();
        if (report.Sale is null)
        {
            md.AppendLine("| requests | requests/s |");
            md.AppendLine("| ---: | ---: |");
            md.AppendLine(Invariant($"| {report.Requests:#,0} | {report.RequestsPerSecond:#,0.0} |"));
        }
        else
        {
            md.AppendLine("| requests | requests/s | orders (201) | orders/s |");
            md.AppendLine("| ---: | ---: | ---: | ---: |");
            md.AppendLine(Invariant($"| {report.Requests:#,0} | {report.RequestsPerSecond:#,0.0} | {report.Orders:#,0} | {report.OrdersPerSecond:#,0.0} |"));
        }
        md.AppendLine();
        md.AppendLine("## Latency (ms)");
        md.AppendLine();
        md.AppendLine("| p50 | p95 | p99 | max | mean |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        var l = report.LatencyMs;
        md.AppendLine(Invariant($"| {l.P50:0.00} | {l.P95:0.00} | {l.P99:0.00} | {l.Max:0.00} | {l.Mean:0.00} |"));
        md.AppendLine();
        md.AppendLine("## Responses");
        md.AppendLine();
        md.AppendLine("| status | meaning | count |");
        md.AppendLine("| ---: | --- | ---: |");
        foreach (var (status, count) in report.StatusCounts)
        {
            md.AppendLine(Invariant($"| {status} | {Meaning(status)} | {count:#,0} |"));
        }

        if (report.Chaos is { } chaos)
        {
            Chaos(md, chaos);
        }

        md.AppendLine();
        md.AppendLine("## Audit");
        md.AppendLine();
        if (report.Audit.Checks.Count == 0)
        {
            md.AppendLine("Nothing to audit for this command.");
        }

        foreach (var check in report.Audit.Checks)
        {
            md.AppendLine(Invariant($"- {(check.Passed ? "PASS" : "FAIL")}  {check.Name} ({check.Detail})"));
        }

        if (report.Chaos?.Figures is { } c)
        {
            md.AppendLine();
            md.AppendLine(Invariant($"201 answers {c.CreatedOrders}: listed and Confirmed {c.CreatedListedConfirmed}, listed but not Confirmed {c.CreatedListedNotConfirmed}, unlisted {c.CreatedUnlisted}. Confirmed orders {c.ConfirmedOrders} ({c.ConfirmedUnits} units), {c.ConfirmedWithoutCreated} of them without a 201. Reserved after the race {c.Drain.ReservedAtFirstRead}, left {c.Drain.ReservedLeft} after {c.Drain.WaitedSeconds:0.0} s. Inbox: {c.InboxBuyersChecked} buyers read ({c.InboxBuyersFull} full), {c.ConfirmedMissingFromInbox} confirmed orders missing, {c.ConfirmedTwiceInInbox} repeated. Bought-together counted {Counted(c.BoughtTogetherUnits)} units, trending {Counted(c.TrendingUnits)}."));
        }

        if (report.Audit.Figures is { } f)
        {
            md.AppendLine();
            md.AppendLine(Invariant($"Stock read back: available {f.Available}, reserved {f.Reserved}, sold {f.Sold} (sold before the race {f.SoldBefore}). "));
            md.AppendLine(Invariant($"Orders read back from {f.BuyersRead} buyers: {f.ConfirmedOrders} confirmed, {f.ConfirmedUnits} units, held by {f.BuyersWithUnits} buyers, at most {f.MostUnitsOneBuyer} by one."));
        }

        return md.ToString();
    }

    public static string Title(LoadReport report) => report?.Command switch
    {
        "ceiling" => "Throughput ceiling",
        "chaos" => "Chaos drill",
        _ => "Flash-sale load test",
    };

    private static void Chaos(StringBuilder md, ChaosSummary chaos)
    {
        md.AppendLine();
        md.AppendLine("## Chaos");
        md.AppendLine();
        md.AppendLine(Invariant($"- A silo killed every {chaos.KillEverySeconds:0.#} s ({chaos.Silos}); PostgreSQL restart: {chaos.RestartPostgres ?? "none"}"));
        var p = chaos.Purchases;
        md.AppendLine(Invariant($"- Purchases: {p.Purchases:#,0} begun, {p.Retried:#,0} retried with their Idempotency-Key, {p.GaveUp:#,0} given up after {chaos.GiveUpAfterSeconds:0} s of retries; the most requests for one purchase: {p.MostAttempts}"));
        var failed = chaos.Availability.Sum(a => a.Failed + a.NoAnswer);
        md.AppendLine(Invariant($"- Answers: {chaos.Availability.Sum(a => a.Success):#,0} 2xx, {chaos.Availability.Sum(a => a.Refused):#,0} 4xx, {chaos.Availability.Sum(a => a.Failed):#,0} 5xx, {chaos.Availability.Sum(a => a.NoAnswer):#,0} without an answer; seconds with a 5xx or no answer: {chaos.Availability.Count(a => a.Failed + a.NoAnswer > 0)} of {chaos.Availability.Count}"));
        md.AppendLine();
        md.AppendLine("| at (s) | what happened |");
        md.AppendLine("| ---: | --- |");
        foreach (var e in chaos.Events)
        {
            md.AppendLine(Invariant($"| {e.AtSeconds:0.0} | {Describe(e)} |"));
        }

        md.AppendLine();
        md.AppendLine(Invariant($"Recovery from each disruption (targets: failures end within {Recovery.FailureTargetSeconds:0} s of a kill; orders/s back within 20% of before within {Recovery.ThroughputTargetSeconds:0} s):"));
        md.AppendLine();
        md.AppendLine("| disruption | at (s) | 5xx + no answer | last one after (s) | seconds with failures | orders/s before | back within 20% after (s) | targets |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in chaos.Recoveries)
        {
            md.AppendLine(Invariant($"| {r.What} | {r.AtSeconds:0.0} | {r.FailedRequests:#,0} | {Seconds(r.LastFailureAfterSeconds, "none")} | {r.SecondsWithFailures} | {r.OrdersPerSecondBefore:0.0} | {Seconds(r.BackWithinAfterSeconds, "not before the next")} | {Targets(r)} |"));
        }

        var kills = chaos.Recoveries.Where(r => r.What.StartsWith("kill", StringComparison.Ordinal)).ToList();
        md.AppendLine();
        md.AppendLine(Invariant($"Targets over {kills.Count} kills: failures ended within {Recovery.FailureTargetSeconds:0} s after {kills.Count(r => r.FailuresWithinTarget)}; orders/s back within 20% within {Recovery.ThroughputTargetSeconds:0} s after {kills.Count(r => r.ThroughputWithinTarget)}."));
        if (failed > 0)
        {
            md.AppendLine();
            md.AppendLine("Seconds with a 5xx or no answer (2xx / 4xx / 5xx / none):");
            md.AppendLine();
            md.AppendLine(string.Join(", ", chaos.Availability.Where(a => a.Failed + a.NoAnswer > 0)
                .Select(a => Invariant($"{a.Second}s {a.Success}/{a.Refused}/{a.Failed}/{a.NoAnswer}"))));
        }
    }

    public static string Describe(ChaosEvent e) => e.Kind switch
    {
        ChaosEventKind.SiloKilled => $"SIGKILL to {e.Detail}",
        ChaosEventKind.KillSkipped => $"no kill: {e.Detail}",
        ChaosEventKind.PostgresRestarting => "PostgreSQL restart begins",
        _ => $"PostgreSQL restart ends: {e.Detail}",
    };

    public static string Targets(Recovery r) =>
        (r.FailuresWithinTarget ? "failures met" : "failures MISSED") + ", " + (r.ThroughputWithinTarget ? "throughput met" : "throughput MISSED");

    private static string Seconds(double? seconds, string none) =>
        seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : none;

    public static string Meaning(string status) => status switch
    {
        "200" => "OK",
        "201" => "order placed",
        "400" => "invalid request",
        "401" => "not logged in",
        "402" => "payment declined",
        "404" => "not found",
        "409" => "refused: out of stock / not on sale",
        "422" => "refused: limit per customer",
        "429" => "too many requests",
        "500" => "server error",
        "503" => "unavailable",
        "error" => "no response (timeout or connection error)",
        _ => "",
    };

    private static string Counted(long? units) => units is { } n ? n.ToString(CultureInfo.InvariantCulture) : "(unreadable)";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
