using Orleans.Storage;

namespace Ecommerce.Grains.Hosting;

/// <summary>
/// Grain state read from storage only when first needed, where Orleans' <c>IPersistentState</c> reads it at every
/// activation. An order placed under a fresh id has nothing to read: skipping the read saves a database round trip
/// on the hottest path.
/// </summary>
public sealed class LazyState<T>(IGrainStorage storage, string stateName, GrainId grainId) where T : new()
{
    private readonly GrainState<T> _state = new(new T());

    public bool Loaded { get; private set; }

    public bool RecordExists => _state.RecordExists;

    public T State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    /// <summary>Reads the state once; later calls do nothing.</summary>
    public async Task<bool> LoadAsync()
    {
        if (Loaded)
        {
            return false;
        }

        await storage.ReadStateAsync(stateName, grainId, _state);
        Loaded = true;
        return true;
    }

    /// <summary>The caller knows no state was ever written under this id (a freshly generated one).</summary>
    public void AssumeNew() => Loaded = true;

    public Task WriteAsync() => storage.WriteStateAsync(stateName, grainId, _state);

    /// <summary>Drops what is in memory and reads storage again.</summary>
    public Task ReloadAsync()
    {
        (_state.State, _state.ETag, _state.RecordExists, Loaded) = (new T(), null, false, false);
        return LoadAsync();
    }
}
