using Ecommerce.LoadTest.Cli;

namespace Ecommerce.LoadTest.Reports;

/// <summary>Writes report.json, report.md and report.html into the report directory (made when missing).</summary>
public static class ReportWriter
{
    public static async Task<string> WriteAsync(LoadReport report, string directory, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        await File.WriteAllTextAsync(Path.Combine(full, "report.json"), ReportJson.Serialize(report), cancellation);
        await File.WriteAllTextAsync(Path.Combine(full, "report.md"), ReportMarkdown.Render(report), cancellation);

        // The figures matter more than the pictures: a machine whose graphics library fails still gets its report.
        IReadOnlyList<Chart> charts = [];
        string? chartError = null;
        try
        {
            charts = ReportCharts.Render(report);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            chartError = e.Message;
        }

        await File.WriteAllTextAsync(Path.Combine(full, "report.html"), ReportHtml.Render(report, charts, chartError), cancellation);
        return full;
    }

    /// <summary>Writes the report and prints it (report.md's text) with where it went; answers the directory.</summary>
    public static async Task<string> PublishAsync(LoadReport report, string directory, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(terminal);
        var full = await WriteAsync(report, directory, CancellationToken.None);
        await terminal.Out.WriteLineAsync();
        await terminal.Out.WriteAsync(ReportMarkdown.Render(report));
        await terminal.Out.WriteLineAsync();
        await terminal.Out.WriteLineAsync($"Report written to {full}: report.html, report.json, report.md");
        return full;
    }
}
