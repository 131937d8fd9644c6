using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Ecommerce.Silo.Storage;

/// <summary>
/// Orleans grain storage on <see cref="GroupCommitStorage"/>: every grain of the silo writes through the same rounds.
/// Each row keeps the semantics of Orleans' ADO.NET provider, on the same table (a version check per row, a conflict
/// answered to that caller alone with <see cref="InconsistentStateException"/>, a clear that keeps the row and bumps
/// its version), so either provider reads what the other wrote.
/// </summary>
public sealed class GroupCommitGrainStorage(
    string name, GroupCommitStorage storage, IGrainStorageSerializer serializer, IActivatorProvider activators)
    : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        storage.Reads.Enqueue(new StateRead<T>(StorageKey.For(stateName, grainId), grainState, serializer, Create<T>));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        storage.Writes.Enqueue(new StateWrite<T>(StorageKey.For(stateName, grainId), grainState, Serialize(grainState.State), name));

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists && string.IsNullOrEmpty(grainState.ETag))
        {
            // Not read yet: find out whether there is anything to clear, as Orleans' provider does.
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists || string.IsNullOrEmpty(grainState.ETag))
            {
                return;
            }
        }

        var expected = int.Parse(grainState.ETag!, System.Globalization.CultureInfo.InvariantCulture);
        await storage.Writes.Enqueue(new StateClear<T>(StorageKey.For(stateName, grainId), grainState, expected, Create<T>, name));
    }

    /// <summary>Serialized on the caller's turn: the grain may change its state again once the call returns.</summary>
    public byte[] Serialize<T>(T state) => serializer.Serialize(state).ToArray();

    private T Create<T>() => activators.GetActivator<T>().Create();
}
