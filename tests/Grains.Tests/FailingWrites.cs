using Orleans.Storage;

namespace Ecommerce.Grains.Tests;

/// <summary>
/// Grain storage that fails the next writes of an armed state name, storing nothing, as writes do while the database
/// restarts; every other call goes to the storage it wraps.
/// </summary>
public sealed class FailingWrites(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _lock = new();
    private string? _armed;
    private int _failures;

    public int Failed { get; private set; }

    public void FailNextWritesOf(string stateName, int writes)
    {
        lock (_lock)
        {
            (_armed, _failures) = (stateName, writes);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            if (_failures > 0 && string.Equals(_armed, stateName, StringComparison.Ordinal))
            {
                _failures--;
                Failed++;
                throw new InvalidOperationException($"The database is restarting (a failure planted for '{stateName}').");
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
