namespace Ecommerce.Grains.Streaming;

[GenerateSerializer, Alias("ecommerce.grains.StreamCheckpointState")]
public sealed class StreamCheckpointState
{
    [Id(0)] public string? Offset { get; set; }
}
