using Ecommerce.Grains.Streaming;

namespace Ecommerce.Grains.Tests;

/// <summary>Event Hubs checkpoints kept in grain storage: what a restarted silo's partition reader resumes from.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class GrainCheckpointerTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task A_flushed_checkpoint_is_what_the_next_reader_of_the_partition_loads()
    {
        var factory = new GrainCheckpointer.Factory(fixture.Grains, $"orders-{Guid.NewGuid():N}", TimeSpan.FromHours(1));
        var first = await factory.Create("partition-3");

        Assert.Equal("", await first.Load(CancellationToken.None));
        Assert.False(first.CheckpointExists);
        first.Update("1200", DateTime.UtcNow, CancellationToken.None);
        first.Update("1450", DateTime.UtcNow, CancellationToken.None);
        await first.FlushAsync(CancellationToken.None);

        var next = await factory.Create("partition-3");
        Assert.Equal("1450", await next.Load(CancellationToken.None));
        Assert.True(next.CheckpointExists);
        Assert.Equal("", await (await factory.Create("partition-4")).Load(CancellationToken.None));
    }
}
