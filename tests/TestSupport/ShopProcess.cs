using System.Diagnostics;
using System.Text;

namespace Ecommerce.TestSupport;

/// <summary>
/// A real silo or API process started from its build output, configured through environment variables exactly as
/// run.sh and the deployment do. Kill() is a crash (SIGKILL): nothing gets a chance to flush.
/// </summary>
public sealed class ShopProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ShopProcess(string name, Process process, string baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
    }

    public string Name { get; }

    /// <summary>The process's HTTP address: the API itself, or a silo's operator port (dashboard, health).</summary>
    public string BaseUrl { get; }

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

    public static Task<ShopProcess> StartSiloAsync(string name, IDictionary<string, string> environment) =>
        StartAsync(name, "Silo", "Ecommerce.Silo.dll", environment);

    public static Task<ShopProcess> StartApiAsync(string name, IDictionary<string, string> environment) =>
        StartAsync(name, "Api", "Ecommerce.Api.dll", environment);

    private static async Task<ShopProcess> StartAsync(string name, string project, string dll, IDictionary<string, string> environment)
    {
        var directory = RepositoryPaths.ProgramDirectory(project);
        var port = Ports.Free();
        var info = new ProcessStartInfo("dotnet", dll)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var started = new ShopProcess(name, process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            // Nobody holds a process that failed to start: left running, it would load the machine for the next tests.
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"{BaseUrl}/health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{Output}");
    }

    /// <summary>A crash: the process gets no chance to leave the cluster or flush anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>A graceful stop (SIGTERM), as an orchestrator does before it restarts a pod.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
