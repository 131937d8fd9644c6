using Ecommerce.LoadTest.Chaos;
using static System.Net.WebUtility;

namespace Ecommerce.LoadTest.Reports;

/// <summary>
/// report.html: one self-contained page (styles inline, charts as base64 PNG), readable offline or as a CI artifact.
/// The verdict and the headline figures first, then the charts, then the detail.
/// </summary>
public static class ReportHtml
{
    public static string Render(LoadReport report, IReadOnlyList<Chart> charts, string? chartError = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var html = new StringBuilder();
        var title = ReportMarkdown.Title(report);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{HtmlEncode(title)} — {HtmlEncode(report.Sale?.Sku ?? report.Target)}</title>
            <style>{Styles}</style>
            </head>
            <body>
            <main>
            <header>
              <div>
                <h1>{HtmlEncode(title)}</h1>
                <p class="sub">{HtmlEncode(report.Target)} on {HtmlEncode(report.Api)} · {report.Concurrency} workers ·
                  {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC · {report.DurationSeconds:0.0} s ({HtmlEncode(report.StopReasonText)})</p>
              </div>
              {Verdict(report)}
            </header>
            <section class="cards">
            """);
        Card(html, "requests/s", Number(report.RequestsPerSecond, "#,0"), Invariant($"{report.Requests:#,0} requests"));
        if (report.Sale is { } sale)
        {
            Card(html, "orders/s", Number(report.OrdersPerSecond, "#,0.0"), Invariant($"{report.Orders:#,0} orders placed (201)"));
            Card(html, "units sold", Invariant($"{report.Audit.Figures?.SoldInRace ?? sale.UnitsSoldByResponses:#,0}"),
                Invariant($"of {sale.UnitsOnSale:#,0} on sale"));
        }

        Card(html, "p50 latency", Milliseconds(report.LatencyMs.P50), $"mean {Milliseconds(report.LatencyMs.Mean)}");
        Card(html, "p95 latency", Milliseconds(report.LatencyMs.P95), "");
        Card(html, "p99 latency", Milliseconds(report.LatencyMs.P99), $"max {Milliseconds(report.LatencyMs.Max)}");
        html.AppendLine("</section>");

        if (report.Sale is not null)
        {
            AuditTable(html, report);
        }

        if (report.Chaos is { } chaos)
        {
            ChaosTables(html, chaos);
        }

        foreach (var chart in charts)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <section class="chart">
                  <h2>{HtmlEncode(chart.Title)}</h2>
                  <p class="caption">{HtmlEncode(chart.Caption)}</p>
                  <img alt="{HtmlEncode(chart.Title)}" src="data:image/png;base64,{Convert.ToBase64String(chart.Png)}">
                </section>

                """);
        }

        if (chartError is not null)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"""<section class="panel"><p>The charts could not be drawn: {HtmlEncode(chartError)}</p></section>""");
        }

        ResponsesTable(html, report);
        SettingsTable(html, report);
        html.AppendLine("</main>\n</body>\n</html>");
        return html.ToString();
    }

    private static string Verdict(LoadReport report) => report.Sale is null
        ? """<div class="verdict neutral">no audit</div>"""
        : report.Audit.Passed
            ? """<div class="verdict pass">AUDIT PASSED</div>"""
            : """<div class="verdict fail">AUDIT FAILED</div>""";

    private static void Card(StringBuilder html, string label, string value, string note) =>
        html.AppendLine(CultureInfo.InvariantCulture,
            $"""<div class="card"><div class="label">{HtmlEncode(label)}</div><div class="value">{HtmlEncode(value)}</div><div class="note">{HtmlEncode(note)}</div></div>""");

    private static void AuditTable(StringBuilder html, LoadReport report)
    {
        html.AppendLine("""<section class="panel"><h2>Audit</h2><table class="audit"><tbody>""");
        foreach (var check in report.Audit.Checks)
        {
            var (css, word) = check.Passed ? ("pass", "PASS") : ("fail", "FAIL");
            html.AppendLine(CultureInfo.InvariantCulture,
                $"""<tr><td><span class="badge {css}">{word}</span></td><td>{HtmlEncode(check.Name)}</td><td class="detail">{HtmlEncode(check.Detail)}</td></tr>""");
        }

        html.AppendLine("</tbody></table>");
        if (report.Chaos?.Figures is { } c)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"""
                <p class="caption">201 answers {c.CreatedOrders}: listed and Confirmed {c.CreatedListedConfirmed}, listed but not Confirmed
                {c.CreatedListedNotConfirmed}, unlisted {c.CreatedUnlisted}. Confirmed orders {c.ConfirmedOrders} ({c.ConfirmedUnits} units),
                {c.ConfirmedWithoutCreated} without a 201. Reserved right after the race {c.Drain.ReservedAtFirstRead}, {c.Drain.ReservedLeft} left
                after {c.Drain.WaitedSeconds:0.0} s. Inboxes of {c.InboxBuyersChecked} buyers read ({c.InboxBuyersFull} full).</p>
                """);
        }

        if (report.Audit.Figures is { } f)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"""
                <p class="caption">Read back through the API after the race: stock available {f.Available}, reserved {f.Reserved},
                sold {f.Sold} (before the race {f.SoldBefore}); {f.BuyersRead} buyers' orders: {f.ConfirmedOrders} confirmed with
                {f.ConfirmedUnits} units, held by {f.BuyersWithUnits} buyers, at most {f.MostUnitsOneBuyer} by one.</p>
                """);
        }

        html.AppendLine("</section>");
    }

    private static void ChaosTables(StringBuilder html, ChaosSummary chaos)
    {
        var p = chaos.Purchases;
        html.AppendLine(CultureInfo.InvariantCulture, $"""
            <section class="panel"><h2>Chaos</h2>
            <p class="caption">A silo killed every {chaos.KillEverySeconds:0.#} s ({HtmlEncode(chaos.Silos)}); PostgreSQL restart:
            {HtmlEncode(chaos.RestartPostgres ?? "none")}. {p.Purchases:#,0} purchases, {p.Retried:#,0} retried with their Idempotency-Key,
            {p.GaveUp:#,0} given up after {chaos.GiveUpAfterSeconds:0} s; at most {p.MostAttempts} requests for one purchase.</p>
            <table><thead><tr><th class="num">at (s)</th><th>what happened</th></tr></thead><tbody>
            """);
        foreach (var e in chaos.Events)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"""<tr><td class="num">{e.AtSeconds:0.0}</td><td>{HtmlEncode(ReportMarkdown.Describe(e))}</td></tr>""");
        }

        html.AppendLine(CultureInfo.InvariantCulture, $"""
            </tbody></table>
            <h2 style="margin-top:18px">Recovery</h2>
            <p class="caption">Targets: 5xx and unanswered requests end within {Recovery.FailureTargetSeconds:0} s of a kill; orders per second
            (over {Recovery.SmoothingSeconds:0} s) back within 20% of the {Recovery.BaselineSeconds:0} s before it within {Recovery.ThroughputTargetSeconds:0} s.</p>
            <table><thead><tr><th>disruption</th><th class="num">at (s)</th><th class="num">5xx + no answer</th><th class="num">last one after (s)</th>
            <th class="num">seconds with failures</th><th class="num">orders/s before</th><th class="num">back within 20% after (s)</th><th>targets</th></tr></thead><tbody>
            """);
        foreach (var r in chaos.Recoveries)
        {
            var css = r.FailuresWithinTarget && r.ThroughputWithinTarget ? "pass" : "fail";
            html.AppendLine(CultureInfo.InvariantCulture,
                $"""<tr><td>{HtmlEncode(r.What)}</td><td class="num">{r.AtSeconds:0.0}</td><td class="num">{r.FailedRequests:#,0}</td><td class="num">{(r.LastFailureAfterSeconds is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) : "none")}</td><td class="num">{r.SecondsWithFailures}</td><td class="num">{r.OrdersPerSecondBefore:0.0}</td><td class="num">{(r.BackWithinAfterSeconds is { } b ? b.ToString("0", CultureInfo.InvariantCulture) : "not before the next")}</td><td><span class="badge {css}">{HtmlEncode(ReportMarkdown.Targets(r))}</span></td></tr>""");
        }

        html.AppendLine("</tbody></table></section>");
    }

    private static void ResponsesTable(StringBuilder html, LoadReport report)
    {
        html.AppendLine("""<section class="panel"><h2>Responses</h2><table><thead><tr><th>status</th><th>meaning</th><th class="num">count</th><th class="num">share</th></tr></thead><tbody>""");
        foreach (var (status, count) in report.StatusCounts)
        {
            var share = report.Requests == 0 ? 0 : 100.0 * count / report.Requests;
            html.AppendLine(CultureInfo.InvariantCulture,
                $"""<tr><td>{HtmlEncode(status)}</td><td>{HtmlEncode(ReportMarkdown.Meaning(status))}</td><td class="num">{count:#,0}</td><td class="num">{share:0.0}%</td></tr>""");
        }

        html.AppendLine("</tbody></table></section>");
    }

    private static void SettingsTable(StringBuilder html, LoadReport report)
    {
        var rows = new List<(string, string)>
        {
            ("API", report.Api),
            ("request", report.Target),
            ("concurrency", Invariant($"{report.Concurrency}")),
            ("duration", Invariant($"{report.DurationSeconds:0.0} s of at most {report.DurationLimitSeconds:0.#} s")),
        };
        if (report.Sale is { } sale)
        {
            rows.Add(("product", Invariant($"{sale.Sku} ({(sale.ProductCreated ? "created for this run" : "reused")})")));
            rows.Add(("units on sale", Invariant($"{sale.UnitsOnSale:#,0}")));
            rows.Add(("max per customer", sale.MaxPerCustomer is { } max ? Invariant($"{max}") : "no limit"));
            rows.Add(("buyers", Invariant($"{sale.Buyers:#,0}")));
            rows.Add(("units per order", Invariant($"{sale.Quantity}")));
            rows.Add(("payment token", sale.PaymentToken));
            rows.Add(("seed", Invariant($"{sale.Seed}")));
        }

        html.AppendLine("""<section class="panel"><h2>Settings</h2><table class="settings"><tbody>""");
        foreach (var (name, value) in rows)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><th>{HtmlEncode(name)}</th><td>{HtmlEncode(value)}</td></tr>");
        }

        html.AppendLine("</tbody></table></section>");
    }

    /// <summary>Three significant digits or so: 0.42 ms, 12.5 ms, 1,216 ms (a card has room for little more).</summary>
    private static string Milliseconds(double ms) =>
        ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + " ms";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Styles = """

        :root { --ink:#111827; --muted:#6b7280; --line:#e5e7eb; --pass:#15803d; --pass-bg:#dcfce7; --fail:#b91c1c; --fail-bg:#fee2e2; }
        * { box-sizing: border-box; }
        body { margin:0; background:#f3f4f6; color:var(--ink); font:15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width:1180px; margin:0 auto; padding:28px 24px 48px; }
        header { display:flex; justify-content:space-between; align-items:center; gap:24px; margin-bottom:20px; }
        h1 { margin:0; font-size:28px; }
        h2 { margin:0 0 6px; font-size:18px; }
        .sub, .caption { color:var(--muted); margin:4px 0 10px; }
        .verdict { font-weight:700; font-size:22px; padding:14px 22px; border-radius:10px; white-space:nowrap; letter-spacing:.5px; }
        .verdict.pass { color:var(--pass); background:var(--pass-bg); border:2px solid var(--pass); }
        .verdict.fail { color:var(--fail); background:var(--fail-bg); border:2px solid var(--fail); }
        .verdict.neutral { color:var(--muted); background:#fff; border:2px solid var(--line); }
        .cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(160px, 1fr)); gap:12px; margin-bottom:20px; }
        .card, .panel, .chart { background:#fff; border:1px solid var(--line); border-radius:10px; }
        .card { padding:14px 16px; }
        .card .label { color:var(--muted); font-size:13px; text-transform:uppercase; letter-spacing:.4px; }
        .card .value { font-size:28px; font-weight:700; margin:2px 0; }
        .card .note { color:var(--muted); font-size:13px; min-height:1em; }
        .panel, .chart { padding:16px 18px; margin-bottom:20px; }
        .chart img { width:100%; height:auto; display:block; }
        table { border-collapse:collapse; width:100%; }
        th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
        thead th { color:var(--muted); font-weight:600; font-size:13px; }
        .settings th { width:200px; color:var(--muted); font-weight:600; }
        .num { text-align:right; font-variant-numeric:tabular-nums; }
        .detail { color:var(--muted); }
        .badge { display:inline-block; font-weight:700; font-size:12px; padding:2px 8px; border-radius:6px; }
        .badge.pass { color:var(--pass); background:var(--pass-bg); }
        .badge.fail { color:var(--fail); background:var(--fail-bg); }

        """;
}
