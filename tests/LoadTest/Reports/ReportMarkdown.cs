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

        if (report.Audit.Figures is { } f)
        {
            md.AppendLine();
            md.AppendLine(Invariant($"Stock read back: available {f.Available}, reserved {f.Reserved}, sold {f.Sold} (sold before the race {f.SoldBefore}). "));
            md.AppendLine(Invariant($"Orders read back from {f.BuyersRead} buyers: {f.ConfirmedOrders} confirmed, {f.ConfirmedUnits} units, held by {f.BuyersWithUnits} buyers, at most {f.MostUnitsOneBuyer} by one."));
        }

        return md.ToString();
    }

    public static string Title(LoadReport report) =>
        report?.Command == "ceiling" ? "Throughput ceiling" : "Flash-sale load test";

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
