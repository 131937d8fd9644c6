using Ecommerce.Grains.Recommendations;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Ecommerce.Grains.Tests;

/// <summary>Invariant 7: events may arrive twice and out of order; every consumer applies each once.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class OrderEventConsumerTests(MemoryClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Cluster.Client;

    [Fact]
    public async Task Duplicated_and_reordered_events_are_applied_once_by_every_consumer()
    {
        var user = Guid.NewGuid();
        var (a, b) = (ShopData.NewSku(), ShopData.NewSku());
        var cancelledOrder = Guid.NewGuid();
        var keptOrder = Guid.NewGuid();
        var confirmed = Event(OrderEventKind.Confirmed, cancelledOrder, user, a, b);
        var cancelled = Event(OrderEventKind.Cancelled, cancelledOrder, user, a, b) with { Reason = "changed my mind" };
        var kept = Event(OrderEventKind.Confirmed, keptOrder, user, a, b);

        // The cancellation overtakes its confirmation; everything is delivered more than once.
        foreach (var evt in new[] { cancelled, confirmed, kept, confirmed, cancelled, kept, kept })
        {
            await PublishAsync(evt);
        }

        var inbox = await Eventually.ThatAsync(() => _client.Grain<INotificationGrain>(user).GetAsync(), m => m.Count >= 3);
        Assert.Equal(3, inbox.Count);
        Assert.Single(inbox, m => m.OrderId == cancelledOrder && m.Kind == NotificationKind.OrderCancelled);
        Assert.Single(inbox, m => m.OrderId == cancelledOrder && m.Kind == NotificationKind.OrderConfirmed);
        Assert.Single(inbox, m => m.OrderId == keptOrder && m.Kind == NotificationKind.OrderConfirmed);

        // Only the kept order counts: the confirmation that came after its cancellation does not.
        var together = await Eventually.ThatAsync(() => _client.Grain<IProductAffinityGrain>(a).GetBoughtTogetherAsync(10),
            t => t.Count > 0);
        await Task.Delay(500);
        together = await _client.Grain<IProductAffinityGrain>(a).GetBoughtTogetherAsync(10);
        Assert.Equal([new ScoredSku(b, 2)], together);
    }

    [Fact]
    public async Task A_users_recommendations_leave_out_what_they_bought_and_count_each_order_once()
    {
        var (buyer, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c) = (ShopData.NewSku(), ShopData.NewSku(), ShopData.NewSku());
        var otherOrder = Event(OrderEventKind.Confirmed, Guid.NewGuid(), other, a, b, c);
        await PublishAsync(otherOrder);
        await PublishAsync(otherOrder);
        await Eventually.ThatAsync(() => _client.Grain<IProductAffinityGrain>(a).GetBoughtTogetherAsync(10), t => t.Count == 2);

        var mine = Event(OrderEventKind.Confirmed, Guid.NewGuid(), buyer, a, b);
        await PublishAsync(mine);
        await PublishAsync(mine);

        var recommendations = _client.Grain<IUserRecommendationsGrain>(buyer);
        var recommended = await Eventually.ThatAsync(() => recommendations.GetAsync(10), r => r.Count > 0);
        Assert.Equal([c], recommended);

        // Precomputed means stored: a new activation answers the same without another purchase.
        await recommendations.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        Assert.Equal([c], await recommendations.GetAsync(10));
    }

    [Fact]
    public async Task A_product_that_remembered_its_limit_of_orders_still_undoes_a_cancelled_newest_order_once()
    {
        var (hot, other) = (ShopData.NewSku(), ShopData.NewSku());
        var orders = Enumerable.Range(0, PurchaseLedger.OrdersRemembered + 2).Select(_ => Guid.NewGuid()).ToList();
        var stream = _client.GetStreamProvider(ProviderNames.Streams).GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByProduct, hot));
        await stream.OnNextBatchAsync([.. orders.Select(o => PurchaseLedgerTests.Confirmed(o, null, hot, other))]);
        var affinity = _client.Grain<IProductAffinityGrain>(hot);
        await Eventually.ThatAsync(() => affinity.GetBoughtTogetherAsync(1), t => t.Count == 1 && t[0].Score == orders.Count);

        // The newest order is cancelled, then its confirmation comes again under a new event id (a republished event).
        await stream.OnNextAsync(PurchaseLedgerTests.Cancelled(orders[^1], null, hot, other));
        await stream.OnNextAsync(PurchaseLedgerTests.Confirmed(orders[^1], null, hot, other));
        // An order of another pair, published last, says when everything before it has been applied.
        var marker = ShopData.NewSku();
        await stream.OnNextAsync(PurchaseLedgerTests.Confirmed(Guid.NewGuid(), null, hot, marker));
        var together = await Eventually.ThatAsync(() => affinity.GetBoughtTogetherAsync(2), t => t.Any(s => s.Sku == marker));
        Assert.Equal(orders.Count - 1, together.Single(s => s.Sku == other).Score);
    }

    [Fact]
    public async Task A_product_whose_write_committed_unanswered_keeps_every_later_event_once_it_is_stored_again()
    {
        var (hot, other) = (ShopData.NewSku(), ShopData.NewSku());
        var stream = _client.GetStreamProvider(ProviderNames.Streams).GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByProduct, hot));
        var affinity = _client.Grain<IProductAffinityGrain>(hot);
        var first = Enumerable.Range(0, 3).Select(_ => PurchaseLedgerTests.Confirmed(Guid.NewGuid(), null, hot, other)).ToList();
        await stream.OnNextBatchAsync(first);
        await Eventually.ThatAsync(() => affinity.GetBoughtTogetherAsync(1), t => t.Count == 1 && t[0].Score == first.Count);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderNames.Storage);
        var stored = new GrainState<ProductAffinityState>(new ProductAffinityState());
        await Eventually.ThatAsync(async () =>
        {
            await storage.ReadStateAsync("affinity", affinity.GetGrainId(), stored);
            return stored.State!.Applied.Order.Count;
        }, n => n == first.Count);

        // The row is written once more behind the activation's back, as when its own write committed but the answer
        // was lost (a database restart under the round): its next write meets a version it does not hold.
        await storage.WriteStateAsync("affinity", affinity.GetGrainId(), stored);
        var later = Enumerable.Range(0, 4).Select(_ => PurchaseLedgerTests.Confirmed(Guid.NewGuid(), null, hot, other)).ToList();
        await stream.OnNextBatchAsync(later);
        var total = first.Count + later.Count;
        await Eventually.ThatAsync(() => affinity.GetBoughtTogetherAsync(1), t => t[0].Score == total);

        // What is stored holds every event: a new activation counts them all.
        await Eventually.ThatAsync(async () =>
        {
            await storage.ReadStateAsync("affinity", affinity.GetGrainId(), stored);
            return stored.State!.BoughtWith.GetValueOrDefault(other);
        }, units => units == total, TimeSpan.FromSeconds(10));
        await affinity.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        Assert.Equal(total, (await affinity.GetBoughtTogetherAsync(1))[0].Score);
    }

    private static OrderEvent Event(OrderEventKind kind, Guid orderId, Guid user, params string[] skus) =>
        new(Guid.NewGuid(), kind, orderId, user, [.. skus.Select(s => new OrderLine(s, 2, 10m))], skus.Length * 20m, "EUR",
            DateTimeOffset.UtcNow, null);

    /// <summary>As the order grain publishes: to the buyer's stream, and for confirmations and cancellations to each product's.</summary>
    private async Task PublishAsync(OrderEvent evt)
    {
        var streams = _client.GetStreamProvider(ProviderNames.Streams);
        await streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByUser, evt.UserId)).OnNextAsync(evt);
        foreach (var line in evt.Lines)
        {
            await streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByProduct, line.Sku)).OnNextAsync(evt);
        }
    }
}
