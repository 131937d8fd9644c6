namespace Ecommerce.LoadTest.Chaos;

/// <summary>Runs an operator's shell command (finding silos, restarting PostgreSQL), bounded in time.</summary>
public static class Shell
{
    /// <summary>Answers the exit code and what the command printed (stdout, then stderr); a command that overruns is killed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, TimeSpan timeout, CancellationToken cancellation)
    {
        var info = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run: {command}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
