namespace Ecommerce.LoadTest.Chaos;

/// <summary>Runs an operator's shell command (finding silos, restarting PostgreSQL), bounded in time.</summary>
public static class Shell
{
    /// <summary>
    /// Answers the exit code and what the command printed; a command that overruns is killed. The output goes through a
    /// file, not a pipe: a command that starts a daemon (pg_ctl restart) leaves the daemon holding whatever it was given,
    /// and a pipe would then never reach its end.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, TimeSpan timeout, CancellationToken cancellation)
    {
        var output = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("bash", ["-c", "exec >\"$0\" 2>&1 </dev/null\n" + command, output]) { UseShellExecute = false };
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run: {command}");
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

            return (process.ExitCode, await File.ReadAllTextAsync(output, CancellationToken.None));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
