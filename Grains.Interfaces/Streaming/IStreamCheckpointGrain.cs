namespace Ecommerce.Streaming;

/// <summary>
/// Where a persistent stream provider keeps how far it has read one partition (keyed "provider/partition"), so
/// Event Hubs checkpoints live in the cluster's own grain storage instead of an Azure table.
/// </summary>
[Alias("ecommerce.streaming.IStreamCheckpointGrain")]
public interface IStreamCheckpointGrain : IGrainWithStringKey
{
    [Alias("Load")]
    Task<string?> LoadAsync();

    [Alias("Save")]
    Task SaveAsync(string offset);
}
