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

    /// <summary>The read in flight or done; cleared when it fails, so the next caller reads again.</summary>
    private Task? _loading;

    public bool Loaded => _loading is { IsCompletedSuccessfully: true };

    public bool RecordExists => _state.RecordExists;

    public T State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    /// <summary>The state with its ETag, for a store that writes it with more (an order's outbox and list entry).</summary>
    public IGrainState<T> Stored => _state;

    /// <summary>
    /// Reads the state once: calls that interleave with the read (read-only grain methods) share it. True for the
    /// call that started the read, so its caller can act on what was loaded once.
    /// </summary>
    public async Task<bool> LoadAsync()
    {
        if (_loading is not null)
        {
            await _loading;
            return false;
        }

        _loading = storage.ReadStateAsync(stateName, grainId, _state);
        try
        {
            await _loading;
        }
        catch
        {
            _loading = null;
            throw;
        }

        return true;
    }

    /// <summary>The caller knows no state was ever written under this id (a freshly generated one).</summary>
    public void AssumeNew() => _loading = Task.CompletedTask;

    public Task WriteAsync() => storage.WriteStateAsync(stateName, grainId, _state);

    /// <summary>Drops what is in memory and reads storage again.</summary>
    public Task ReloadAsync()
    {
        (_state.State, _state.ETag, _state.RecordExists, _loading) = (new T(), null, false, null);
        return LoadAsync();
    }
}
