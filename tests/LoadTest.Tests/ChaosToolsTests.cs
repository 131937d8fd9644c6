using System.Diagnostics;
using Ecommerce.LoadTest.Chaos;

namespace Ecommerce.LoadTest.Tests;

/// <summary>How the drill finds the silos it kills, and runs the operator's commands.</summary>
public sealed class ChaosToolsTests : IDisposable
{
    private readonly DirectoryInfo _pids = Directory.CreateTempSubdirectory("chaos-pids-");
    private readonly Process _silo = Process.Start(new ProcessStartInfo("sleep", ["300"]) { UseShellExecute = false })!;

    public void Dispose()
    {
        if (!_silo.HasExited)
        {
            _silo.Kill();
        }

        _silo.Dispose();
        _pids.Delete(recursive: true);
    }

    [Fact]
    public async Task A_pid_directory_yields_its_live_silos_only()
    {
        await File.WriteAllTextAsync(Path.Combine(_pids.FullName, "silo-1.pid"), $"{_silo.Id}\n");
        await File.WriteAllTextAsync(Path.Combine(_pids.FullName, "silo-2.pid"), "999999999");
        await File.WriteAllTextAsync(Path.Combine(_pids.FullName, "api.pid"), $"{Environment.ProcessId}");
        await File.WriteAllTextAsync(Path.Combine(_pids.FullName, "silo-3.pid"), "not a pid");

        var found = await SiloProcesses.From(Options(pids: _pids.FullName)).FindAsync(CancellationToken.None);

        Assert.Equal([new SiloProcess("silo-1", _silo.Id)], found);
    }

    [Fact]
    public async Task A_command_yields_the_live_pids_it_prints()
    {
        var found = await SiloProcesses.From(Options(command: $"echo {_silo.Id}; echo 999999999; echo {_silo.Id}; echo junk"))
            .FindAsync(CancellationToken.None);

        Assert.Equal([new SiloProcess($"pid {_silo.Id}", _silo.Id)], found);
    }

    [Fact]
    public async Task A_command_that_leaves_a_process_behind_still_ends_with_its_output()
    {
        // pg_ctl restart leaves the server running with whatever output it was given; the drill must not wait on it.
        var clock = Stopwatch.StartNew();
        var (exit, output) = await Shell.RunAsync("sleep 30 & echo started", TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal((0, "started"), (exit, output.Trim()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        await Assert.ThrowsAsync<TimeoutException>(() => Shell.RunAsync("sleep 30", TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    private static ChaosOptions Options(string? pids = null, string? command = null) => new()
    {
        Sale = ChaosOptions.SaleDefaults,
        SiloPidDirectory = pids,
        SiloCommand = command,
    };
}
