using Ecommerce.LoadTest.Chaos;
using ScottPlot;

namespace Ecommerce.LoadTest.Reports;

/// <summary>A chart of report.html, as PNG bytes.</summary>
public sealed record Chart(string Title, string Caption, byte[] Png);

/// <summary>The report's charts, drawn with ScottPlot (SkiaSharp underneath, so no display or browser is needed).</summary>
public static class ReportCharts
{
    private const int Width = 1100;
    private const int Height = 380;

    private static readonly Color RequestsColor = Color.FromHex("#2563eb");
    private static readonly Color OrdersColor = Color.FromHex("#16a34a");
    private static readonly Color P50Color = Color.FromHex("#0891b2");
    private static readonly Color P99Color = Color.FromHex("#dc2626");

    public static IReadOnlyList<Chart> Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Timeline.Count == 0)
        {
            return [];
        }

        List<Chart> charts = report.Chaos is { Availability.Count: > 0 } chaos
            ? [new Chart("Availability over time",
                "Answers completed in each second, by class; dashed lines are silo kills, the shaded span the PostgreSQL restart.",
                AvailabilityOverTime(report, chaos))]
            : [];
        return
        [
            .. charts,
            new Chart("Throughput over time",
                report.Sale is null ? "Requests completed in each second of the run." : "Requests and orders (201) completed in each second of the race.",
                Throughput(report)),
            new Chart("Latency over time", "p50 and p99 of the requests completed in each second.", LatencyOverTime(report)),
            new Chart("Latency histogram", HistogramCaption(report.Histogram), Histogram(report)),
        ];
    }

    private static byte[] Throughput(LoadReport report)
    {
        var plot = NewPlot("requests per second");
        var xs = report.Timeline.Select(p => p.Second + 0.5).ToArray();
        // Requests wide and under the orders: where every request is an order, both lines stay visible.
        Line(plot, xs, [.. report.Timeline.Select(p => p.RequestsPerSecond)], "requests/s", RequestsColor.WithAlpha(0.55), width: 6);
        if (report.Sale is not null)
        {
            Line(plot, xs, [.. report.Timeline.Select(p => p.OrdersPerSecond)], "orders/s", OrdersColor);
        }

        plot.Axes.SetLimitsY(0, Math.Max(1, report.Timeline.Max(p => p.RequestsPerSecond)) * 1.1);
        WholeSeconds(plot, report);
        return Finish(plot);
    }

    private static byte[] AvailabilityOverTime(LoadReport report, ChaosSummary chaos)
    {
        var plot = NewPlot("answers per second");
        var xs = chaos.Availability.Select(a => a.Second + 0.5).ToArray();
        Line(plot, xs, [.. chaos.Availability.Select(a => (double)a.Success)], "2xx", OrdersColor);
        Line(plot, xs, [.. chaos.Availability.Select(a => (double)a.Refused)], "4xx", Color.FromHex("#d97706"));
        Line(plot, xs, [.. chaos.Availability.Select(a => (double)a.Failed)], "5xx", P99Color);
        Line(plot, xs, [.. chaos.Availability.Select(a => (double)a.NoAnswer)], "no answer", Color.FromHex("#7c3aed"));
        plot.Axes.SetLimitsY(0, Math.Max(1, chaos.Availability.Max(a => Math.Max(Math.Max(a.Success, a.Refused), Math.Max(a.Failed, a.NoAnswer)))) * 1.1);
        WholeSeconds(plot, report);
        return Finish(plot);
    }

    /// <summary>The drill's disruptions on a time chart: a dashed line per kill, a shaded span for the PostgreSQL restart.</summary>
    private static void MarkDisruptions(Plot plot, LoadReport report)
    {
        if (report.Chaos is not { } chaos)
        {
            return;
        }

        foreach (var kill in chaos.Events.Where(e => e.Kind == ChaosEventKind.SiloKilled))
        {
            var line = plot.Add.VerticalLine(kill.AtSeconds);
            line.Color = Color.FromHex("#111827").WithAlpha(0.7);
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
        }

        var restart = chaos.Events.FirstOrDefault(e => e.Kind == ChaosEventKind.PostgresRestarting);
        if (restart is not null)
        {
            var end = chaos.Events.FirstOrDefault(e => e.Kind == ChaosEventKind.PostgresRestarted)?.AtSeconds ?? restart.AtSeconds + 1;
            var span = plot.Add.HorizontalSpan(restart.AtSeconds, Math.Max(end, restart.AtSeconds + 0.5));
            span.FillColor = Color.FromHex("#f59e0b").WithAlpha(0.25);
            span.LineWidth = 0;
        }
    }

    private static byte[] LatencyOverTime(LoadReport report)
    {
        var plot = NewPlot("latency (ms)");
        var xs = report.Timeline.Select(p => p.Second + 0.5).ToArray();
        Line(plot, xs, [.. report.Timeline.Select(p => p.P50Ms)], "p50", P50Color);
        Line(plot, xs, [.. report.Timeline.Select(p => p.P99Ms)], "p99", P99Color);
        plot.Axes.SetLimitsY(0, Math.Max(0.1, report.Timeline.Max(p => p.P99Ms)) * 1.1);
        WholeSeconds(plot, report);
        return Finish(plot);
    }

    private static byte[] Histogram(LoadReport report)
    {
        var plot = NewPlot("requests");
        plot.XLabel("latency (ms)");
        var bins = report.Histogram.Bins;
        var bars = plot.Add.Bars(bins.Select(b => (b.FromMs + b.ToMs) / 2).ToArray(), bins.Select(b => (double)b.Count).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = report.Histogram.BinWidthMs * 0.92;
            bar.FillColor = RequestsColor.WithAlpha(0.85);
            bar.LineWidth = 0;
        }

        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(0, bins.Count == 0 ? 1 : bins[^1].ToMs * 1.03);
        return Finish(plot, legend: false);
    }

    /// <summary>Time axis from the start to the end of the last second, ticked on whole seconds.</summary>
    private static void WholeSeconds(Plot plot, LoadReport report)
    {
        MarkDisruptions(plot, report);
        plot.Axes.SetLimitsX(0, report.Timeline[^1].Second + 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }

    private static Plot NewPlot(string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.XLabel("seconds since the race started");
        plot.YLabel(yLabel);
        plot.Axes.Left.Label.FontSize = 15;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        return plot;
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, Color color, float width = 2.5f)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = width;
        line.MarkerSize = xs.Length > 120 ? 0 : 5;
    }

    private static byte[] Finish(Plot plot, bool legend = true)
    {
        if (legend)
        {
            // Above the data rather than on it: the lines often run along the top.
            plot.ShowLegend(Edge.Top);
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.Legend.FontSize = 14;
        }

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string HistogramCaption(LatencyHistogram histogram)
    {
        var bins = string.Create(CultureInfo.InvariantCulture, $"How long requests took, in {histogram.BinWidthMs:0.###} ms bins up to the 99.9th percentile");
        return histogram.SlowerThanRange > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bins}; {histogram.SlowerThanRange:#,0} slower requests are not drawn.")
            : bins + ".";
    }
}
