using System.Diagnostics;

namespace Ecommerce.Ops.Tests;

/// <summary>Debian's Chromium, headless, with a fresh profile per run (./test.sh installs it when missing).</summary>
public static class Chromium
{
    public const string Binary = "/usr/bin/chromium";

    /// <summary>The page's DOM once its scripts have run (for up to <paramref name="budgetMs"/> of virtual time).</summary>
    public static async Task<string> DumpDomAsync(string url, int budgetMs = 10_000) =>
        await RunAsync([$"--virtual-time-budget={budgetMs}", "--dump-dom", url]);

    public static async Task ScreenshotAsync(string url, string file, int budgetMs = 10_000) =>
        await RunAsync([$"--virtual-time-budget={budgetMs}", "--window-size=1400,1000", $"--screenshot={file}", url]);

    private static async Task<string> RunAsync(string[] arguments)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: ./test.sh installs Debian's chromium package (tests/tools/chromium.sh).");
        var profile = Directory.CreateTempSubdirectory("ecommerce-chromium-");
        try
        {
            var info = new ProcessStartInfo(Binary,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}", .. arguments,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var chromium = Process.Start(info)!;
            var stdout = chromium.StandardOutput.ReadToEndAsync();
            var stderr = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await chromium.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within 60 s: {await stderr}");
            }

            Assert.True(chromium.ExitCode == 0, $"Chromium exited with {chromium.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
