using Ecommerce.Grains.Notifications;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Ecommerce.Grains.Tests;

/// <summary>A cluster whose grain storage can be made to fail a write.</summary>
public sealed class FailingWritesFixture : IAsyncLifetime
{
    private const string Inner = "failing-writes-inner";

    public InProcessTestCluster Cluster { get; } = ShopTestCluster.Build(1, silo: silo =>
    {
        silo.AddMemoryGrainStorage(Inner);
        silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderNames.Storage, (sp, _) =>
            new FailingWrites(sp.GetRequiredKeyedService<IGrainStorage>(Inner)));
    });

    public FailingWrites Storage => (FailingWrites)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage);

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class ConsumerWriteFaultTests(FailingWritesFixture fixture) : IClassFixture<FailingWritesFixture>
{
    [Theory]
    [InlineData(1)] // the write is tried again at once and succeeds
    [InlineData(8)] // every try of that delivery fails: the stream delivers it again to a fresh activation
    public async Task An_inbox_write_that_fails_while_the_database_restarts_is_stored_all_the_same(int failures)
    {
        var client = fixture.Cluster.Client;
        var user = Guid.NewGuid();
        var stream = client.GetStreamProvider(ProviderNames.Streams).GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByUser, user));
        var inbox = client.GetGrain<INotificationGrain>(user);
        await stream.OnNextAsync(PurchaseLedgerTests.Confirmed(Guid.NewGuid(), user, ShopData.NewSku()));
        await Eventually.ThatAsync(inbox.GetAsync, m => m.Count == 1);

        var failedBefore = fixture.Storage.Failed;
        fixture.Storage.FailNextWritesOf("inbox", failures);
        await stream.OnNextAsync(PurchaseLedgerTests.Confirmed(Guid.NewGuid(), user, ShopData.NewSku()));
        var stored = new GrainState<NotificationState>(new NotificationState());
        var count = await Eventually.ThatAsync(async () =>
        {
            await fixture.Storage.ReadStateAsync("inbox", inbox.GetGrainId(), stored);
            return stored.State!.Messages.Count;
        }, n => n == 2, TimeSpan.FromSeconds(40));
        Assert.Equal(failures, fixture.Storage.Failed - failedBefore);
        Assert.Equal(2, count);

        // Stored, not only held by an activation: a new one (after a silo's loss, say) has both messages, once each.
        await inbox.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);
        Assert.Equal(2, (await inbox.GetAsync()).Count);
    }
}
