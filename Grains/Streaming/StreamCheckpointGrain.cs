using Ecommerce.Streaming;

namespace Ecommerce.Grains.Streaming;

public sealed class StreamCheckpointGrain(
    [PersistentState("checkpoint", ProviderNames.Storage)] IPersistentState<StreamCheckpointState> checkpoint)
    : Grain, IStreamCheckpointGrain
{
    public Task<string?> LoadAsync() => Task.FromResult(checkpoint.State.Offset);

    public async Task SaveAsync(string offset)
    {
        if (offset != checkpoint.State.Offset)
        {
            checkpoint.State.Offset = offset;
            await checkpoint.WriteStateAsync();
        }
    }
}
