using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ecommerce.TestSupport;

/// <summary>
/// <c>./run.sh</c> as an operator runs it, on free loopback ports and a run directory of its own, its output captured;
/// <see cref="DisposeAsync"/> stops it as Ctrl-C would (SIGTERM to its trap), bounded in time.
/// </summary>
public sealed class RunScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunScript(Process process, DirectoryInfo runDirectory, int apiPort)
    {
        _process = process;
        RunDirectory = runDirectory;
        ApiPort = apiPort;
    }

    public DirectoryInfo RunDirectory { get; }
    public int ApiPort { get; }
    public Uri Api => new($"http://127.0.0.1:{ApiPort}/");
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Beyond the ports and the run directory: the admin's password, settings for the processes, ...</param>
    public static RunScript Start(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var runDirectory = Directory.CreateTempSubdirectory("ecommerce-run-");
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "run.sh"), "--no-build", .. arguments])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var apiPort = Ports.Free();
        info.Environment["RUN_DIR"] = runDirectory.FullName;
        info.Environment["CONFIGURATION"] = RepositoryPaths.Configuration;
        info.Environment["API_PORT"] = $"{apiPort}";
        info.Environment["API_MANAGEMENT_PORT"] = $"{Ports.Free()}";

        // The tests play every client from one address: the per-address and per-user limits would answer most with 429.
        info.Environment["RateLimiting__Enabled"] = "false";

        // Silo i uses these ports plus i: taken from the low end of the test range, well apart from each other.
        info.Environment["DASHBOARD_PORT"] = $"{Ports.Free()}";
        info.Environment["SILO_PORT"] = $"{Ports.Free()}";
        info.Environment["GATEWAY_PORT"] = $"{Ports.Free()}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("run.sh did not start.");
        var script = new RunScript(process, runDirectory, apiPort);
        process.OutputDataReceived += (_, e) => script.Append(e.Data);
        process.ErrorDataReceived += (_, e) => script.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return script;
    }

    /// <summary>Waits for the line saying everything is up; false when run.sh exited or the time ran out first.</summary>
    public async Task<bool> WaitUntilRunningAsync(TimeSpan timeout)
    {
        var printed = await Eventually.ThatAsync(() => Task.FromResult(Output),
            o => o.Contains("Press Ctrl-C", StringComparison.Ordinal) || _process.HasExited, timeout);
        return printed.Contains("Press Ctrl-C", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException("run.sh did not stop within 40 s of SIGTERM.");
            }
        }

        _process.Dispose();
        RunDirectory.Delete(recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
