using Ecommerce.LoadTest.Cli;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>
/// The drill's hand on the cluster: SIGKILL to a random silo every <see cref="ChaosOptions.KillEvery"/>, and one
/// PostgreSQL restart, at their times since the race started. Each is logged as it happens and kept for the report.
/// </summary>
public sealed class Disruptions(ChaosOptions options, SiloProcesses silos, TextWriter log, Random random)
{
    private readonly List<ChaosEvent> _events = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ChaosEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.OrderBy(e => e.AtSeconds)];
            }
        }
    }

    /// <param name="start">The race's start (a Stopwatch timestamp): event times are counted from it.</param>
    /// <param name="raceOver">Cancelled when the race ends: no disruption is started after it.</param>
    public async Task RunAsync(long start, CancellationToken raceOver)
    {
        var restart = options.RestartPostgres is { } command
            ? RestartPostgresAsync(command, options.PostgresRestartTime(), start, raceOver)
            : Task.CompletedTask;
        foreach (var at in options.KillTimes())
        {
            if (!await UntilAsync(start, at, raceOver))
            {
                break;
            }

            await KillOneAsync(start, raceOver);
        }

        await restart;
    }

    private async Task KillOneAsync(long start, CancellationToken cancellation)
    {
        IReadOnlyList<SiloProcess> alive;
        try
        {
            alive = await silos.FindAsync(cancellation);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Note(start, ChaosEventKind.KillSkipped, $"the silos could not be listed: {e.Message}");
            return;
        }

        if (alive.Count == 0)
        {
            Note(start, ChaosEventKind.KillSkipped, "no live silo process found");
            return;
        }

        var victim = alive[random.Next(alive.Count)];
        try
        {
            using var process = Process.GetProcessById(victim.Pid);

            // SIGKILL: the silo gets no chance to leave the cluster, hand over its grains or flush anything.
            process.Kill();
            Note(start, ChaosEventKind.SiloKilled, $"{victim.Name} (pid {victim.Pid}), one of {alive.Count} alive");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Note(start, ChaosEventKind.KillSkipped, $"{victim.Name} (pid {victim.Pid}) could not be killed: {e.Message}");
        }
    }

    private async Task RestartPostgresAsync(string command, TimeSpan at, long start, CancellationToken raceOver)
    {
        if (!await UntilAsync(start, at, raceOver))
        {
            return;
        }

        Note(start, ChaosEventKind.PostgresRestarting, command);
        try
        {
            var (exitCode, output) = await Shell.RunAsync(command, TimeSpan.FromMinutes(2), CancellationToken.None);
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            Note(start, ChaosEventKind.PostgresRestarted, exitCode == 0 ? "done" : $"the command failed with exit code {exitCode}: {last}");
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Note(start, ChaosEventKind.PostgresRestarted, $"the command failed: {e.Message}");
        }
    }

    /// <summary>Waits until <paramref name="at"/> since the start; false when the race ended first.</summary>
    private static async Task<bool> UntilAsync(long start, TimeSpan at, CancellationToken raceOver)
    {
        var wait = at - Stopwatch.GetElapsedTime(start);
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, raceOver);
            }

            return !raceOver.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Note(long start, ChaosEventKind kind, string detail)
    {
        var at = Stopwatch.GetElapsedTime(start).TotalSeconds;
        lock (_gate)
        {
            _events.Add(new ChaosEvent(Math.Round(at, 3), kind, detail));
        }

        var what = kind switch
        {
            ChaosEventKind.SiloKilled => $"killed {detail}",
            ChaosEventKind.KillSkipped => $"no kill: {detail}",
            ChaosEventKind.PostgresRestarting => "restarting PostgreSQL",
            _ => $"PostgreSQL restart: {detail}",
        };
        lock (log)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{at,5:0.0}s] chaos: {what}"));
        }
    }
}
