namespace Ecommerce.Grains.Tests;

/// <summary>One in-memory cluster shared by the grain tests; reservations lapse after two seconds here.</summary>
public sealed class MemoryClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = ShopTestCluster.Build(1, settings: ShopTestCluster.FastExpiry);

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MemoryClusterCollection : ICollectionFixture<MemoryClusterFixture>
{
    public const string Name = "memory cluster";
}

/// <summary>A cluster with the default reservation time to live, for load that must not see reservations lapse.</summary>
public sealed class DefaultTtlClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = ShopTestCluster.Build(1);

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
