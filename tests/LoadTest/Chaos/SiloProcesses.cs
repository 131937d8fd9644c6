using Ecommerce.LoadTest.Cli;

namespace Ecommerce.LoadTest.Chaos;

/// <summary>A silo process the drill may kill: a name for the report, and its pid on this machine.</summary>
public sealed record SiloProcess(string Name, int Pid);

/// <summary>
/// Finds the silo processes, afresh before each kill (a supervisor restarts killed silos under new pids): from a
/// directory of <c>silo-*.pid</c> files, as run.sh keeps them, or from a command that prints their pids.
/// </summary>
public abstract class SiloProcesses
{
    public abstract Task<IReadOnlyList<SiloProcess>> FindAsync(CancellationToken cancellation);

    public static SiloProcesses From(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SiloPidDirectory is { } directory
            ? new PidDirectory(directory)
            : new Command(options.SiloCommand ?? throw new ArgumentException("Neither a pid directory nor a command names the silos.", nameof(options)));
    }

    /// <summary>A live process (a zombie waiting for its parent counts as dead): Linux's /proc says.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // "pid (name) S ...": the state follows the parenthesised name, which may itself hold spaces.
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private sealed class PidDirectory(string directory) : SiloProcesses
    {
        public override async Task<IReadOnlyList<SiloProcess>> FindAsync(CancellationToken cancellation)
        {
            var found = new List<SiloProcess>();
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "silo-*.pid") : [];
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(file, cancellation);
                }
                catch (IOException)
                {
                    // Rewritten by the supervisor right now: this silo sits this round out.
                    continue;
                }

                if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid))
                {
                    found.Add(new SiloProcess(Path.GetFileNameWithoutExtension(file), pid));
                }
            }

            return found;
        }
    }

    private sealed class Command(string command) : SiloProcesses
    {
        public override async Task<IReadOnlyList<SiloProcess>> FindAsync(CancellationToken cancellation)
        {
            var (_, output) = await Shell.RunAsync(command, TimeSpan.FromSeconds(30), cancellation);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 0 && IsAlive(pid))
                .Distinct()
                .Select(pid => new SiloProcess($"pid {pid}", pid))];
        }
    }
}
