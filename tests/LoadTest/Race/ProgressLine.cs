namespace Ecommerce.LoadTest.Race;

/// <summary>
/// The live progress of a race, about once a second: rewritten in place on a terminal, one plain line per second
/// when the output goes to a file or a pipe (where carriage returns would only make a mess of the log).
/// </summary>
/// <param name="statuses">The statuses counted on their own; the rest are summed as "other".</param>
/// <param name="unitsPerOrder">Units each 201 sells; with <paramref name="unitsOnSale"/>, shown as "sold x/N".</param>
public sealed class ProgressLine(TextWriter output, bool rewrite, IReadOnlyList<int> statuses, int unitsPerOrder = 0, int unitsOnSale = 0)
{
    private RaceSnapshot? _previous;
    private int _lastLength;

    public void Show(RaceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var line = Format(snapshot, _previous, statuses, unitsPerOrder, unitsOnSale);
        _previous = snapshot;
        if (rewrite)
        {
            // Pad over what the last, longer line left behind.
            output.Write($"\r{line.PadRight(_lastLength)}");
            _lastLength = line.Length;
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    /// <summary>Ends the rewritten line so the next output starts on its own.</summary>
    public void Finish()
    {
        if (rewrite && _lastLength > 0)
        {
            output.WriteLine();
            _lastLength = 0;
        }
    }

    public static string Format(RaceSnapshot now, RaceSnapshot? before, IReadOnlyList<int> statuses, int unitsPerOrder, int unitsOnSale)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(statuses);

        // Rates over the last interval, not the whole race: what the cluster does now. The final line, which comes
        // moments after the last tick, shows the whole race's averages instead of a rate over a few milliseconds.
        before = now.Final ? null : before;
        var seconds = Math.Max((now.Elapsed - (before?.Elapsed ?? TimeSpan.Zero)).TotalSeconds, 0.001);
        var requestRate = (now.Requests - (before?.Requests ?? 0)) / seconds;
        var orders = now.Count(201);
        var orderRate = (orders - (before?.Count(201) ?? 0)) / seconds;

        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"[{now.Elapsed.TotalSeconds,5:0.0}s{(now.Final ? " avg" : "")}] {requestRate,7:#,0} req/s");
        if (unitsPerOrder > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" {orderRate,6:#,0} orders/s");
        }

        line.Append(CultureInfo.InvariantCulture, $" | p99 {now.P99Ms:0.0} ms |");
        foreach (var status in statuses)
        {
            line.Append(CultureInfo.InvariantCulture, $" {status}:{now.Count(status):#,0}");
        }

        var other = now.Requests - statuses.Sum(now.Count);
        line.Append(CultureInfo.InvariantCulture, $" other:{other:#,0}");
        if (unitsPerOrder > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" | sold {orders * unitsPerOrder:#,0}/{unitsOnSale:#,0}");
        }

        return line.ToString();
    }
}
