using System.Diagnostics;
using System.Text;

namespace Ecommerce.TestSupport;

/// <summary>
/// A real silo or API process started from its build output, configured through environment variables exactly as
/// run.sh and the deployment do: not as Development, so with the settings a deployment must give (a shared JWT key,
/// dashboard credentials, the payment simulator switched on explicitly) unless a test gives its own. The API's rate
/// limits are off unless a test sets them: tests drive it from one address with many buyers.
/// Kill() is a crash (SIGKILL): nothing gets a chance to flush.
/// </summary>
public sealed class ShopProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>What a test deployment sets, unless the test sets it otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string> SiloDefaults = new Dictionary<string, string>
    {
        ["Payments__Simulator__Enabled"] = "true",
        ["Dashboard__Username"] = "operator",
        ["Dashboard__Password"] = "test-dashboard-password",
    };

    /// <summary>The silo's defaults as configuration keys, for a silo host built in this process.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SiloDefaultSettings =>
        SiloDefaults.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value));

    public static readonly IReadOnlyDictionary<string, string> ApiDefaults = new Dictionary<string, string>
    {
        ["Jwt__SigningKey"] = "a-signing-key-shared-by-the-test-processes",
        ["RateLimiting__Enabled"] = "false",
    };

    private ShopProcess(string name, Process process, string baseUrl, string managementUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        ManagementUrl = managementUrl;
    }

    public string Name { get; }

    /// <summary>The process's HTTP address: the API itself, or a silo's operator port (dashboard, health).</summary>
    public string BaseUrl { get; }

    /// <summary>Where <c>/metrics</c> answers: the API's management port, a silo's operator port.</summary>
    public string ManagementUrl { get; }

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
        StartAsync(name, "Silo", "Ecommerce.Silo.dll", SiloDefaults, environment);

    public static Task<ShopProcess> StartApiAsync(string name, IDictionary<string, string> environment) =>
        StartAsync(name, "Api", "Ecommerce.Api.dll", ApiDefaults, environment);

    private static async Task<ShopProcess> StartAsync(string name, string project, string dll,
        IReadOnlyDictionary<string, string> defaults, IDictionary<string, string> environment)
    {
        // Another test process may bind the port picked for this one between the pick and the bind: pick again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(name, project, dll, defaults, environment);
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<ShopProcess> StartOnFreePortAsync(string name, string project, string dll,
        IReadOnlyDictionary<string, string> defaults, IDictionary<string, string> environment)
    {
        var directory = RepositoryPaths.ProgramDirectory(project);
        var port = Ports.Free();
        var managementUrl = project == "Api" ? $"http://127.0.0.1:{Ports.Free()}" : $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", dll)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (project == "Api")
        {
            info.Environment["Management__Urls"] = managementUrl;
        }

        foreach (var (key, value) in defaults.Concat(environment))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var started = new ShopProcess(name, process, $"http://127.0.0.1:{port}", managementUrl);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        }
        catch (InvalidOperationException) when (started.Output.Contains("Failed to bind to address http://127.0.0.1:", StringComparison.Ordinal))
        {
            await started.DisposeAsync();
            throw new PortTakenException();
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

internal sealed class PortTakenException : Exception;
