using System.Collections.Concurrent;
using Ecommerce.Inventory;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Recommendations;
using Ecommerce.Users;
using Orleans.Runtime;

namespace Ecommerce.Cluster.Tests;

/// <summary>
/// Invariants 7 and 8 of DESIGN.md with memory streams, whose queues die with their silo: a sale goes on while the
/// silo holding the stream queues is killed. Every confirmed order must still be counted once by every consumer and
/// listed by its buyer.
/// </summary>
public sealed class OrderEventSurvivalTests
{
    [Fact]
    public async Task Killing_the_silo_that_holds_the_stream_queues_mid_sale_loses_no_event_and_unlists_no_order()
    {
        await using var cluster = await PostgresCluster.CreateAsync("events");
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartSiloAsync();
        }

        await cluster.ConnectAsync();
        var grains = cluster.Client;
        var (hot, companion) = (await ShopData.ProductAsync(grains, 10_000), await ShopData.ProductAsync(grains, 10_000));
        var buyers = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var attempts = Enumerable.Range(0, 360).Select(i => (User: buyers[i % buyers.Count], Id: Guid.NewGuid())).ToList();
        var told = new ConcurrentDictionary<Guid, PlaceOrderOutcome>();

        // Orders of two lines, so that "bought together" has something to count; the queue silo dies a third in.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < attempts.Count)
            {
                if (i == attempts.Count / 3)
                {
                    await (await QueueSiloAsync(cluster)).KillAsync();
                }

                try
                {
                    var (user, id) = attempts[i];
                    var result = await grains.GetGrain<IOrderGrain>(id).PlaceAsync(new PlaceOrder(user,
                        [new OrderLineRequest(hot, 1), new OrderLineRequest(companion, 1)], new PaymentMethod("card", "tok_visa"), null, "pair"));
                    told[id] = result.Outcome;
                }
                catch (Exception)
                {
                    // Cut by the crash: settled below.
                }
            }
        }));

        var confirmed = new List<(Guid User, Guid Id)>();
        foreach (var (user, id) in attempts)
        {
            var order = await Eventually.SucceedsAsync(() => grains.GetGrain<IOrderGrain>(id).GetAsync(), TimeSpan.FromSeconds(60));
            if (told.TryGetValue(id, out var outcome) && outcome == PlaceOrderOutcome.Placed)
            {
                Assert.Equal(OrderStatus.Confirmed, order!.Status);
            }

            if (order?.Status == OrderStatus.Confirmed)
            {
                confirmed.Add((user, id));
            }
        }

        Assert.True(told.Count(t => t.Value == PlaceOrderOutcome.Placed) > attempts.Count / 2, $"only {told.Count} answers");

        // Invariant 8: listed by its buyer (read from a fresh page walk, whatever silo held the buyer's grain).
        foreach (var group in confirmed.GroupBy(c => c.User))
        {
            var listed = await ListAllAsync(grains.GetGrain<IUserGrain>(group.Key));
            Assert.Empty(group.Select(c => c.Id).Except(listed));
        }

        // Invariant 7: every consumer counts each confirmed order once, none lost with the queues or twice by a replay.
        foreach (var group in confirmed.GroupBy(c => c.User))
        {
            var expected = group.Select(c => c.Id).Order().ToList();
            await Eventually.SucceedsAsync(async () =>
            {
                var inbox = await grains.GetGrain<INotificationGrain>(group.Key).GetAsync();
                Assert.Equal(expected, inbox.Where(n => n.Kind == NotificationKind.OrderConfirmed).Select(n => n.OrderId).Order().ToList());
                return true;
            }, TimeSpan.FromSeconds(90));
        }

        await Eventually.SucceedsAsync(async () =>
        {
            var together = await grains.GetGrain<IProductAffinityGrain>(hot).GetBoughtTogetherAsync(5);
            Assert.Equal([new ScoredSku(companion, confirmed.Count)], together);
            var trending = await grains.GetGrain<ITrendingGrain>(0).GetAsync(10);
            Assert.Equal(confirmed.Count, trending.Single(t => t.Sku == hot).Score);
            return true;
        }, TimeSpan.FromSeconds(90));

        var level = await grains.GetGrain<IStockGrain>(hot).GetAsync();
        Assert.Equal(confirmed.Count, level.Sold);
    }

    /// <summary>The silo that holds the most memory-stream queues right now.</summary>
    private static async Task<ShopProcess> QueueSiloAsync(PostgresCluster cluster)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var busiest = statistics.Where(s => s.GrainType.Contains("MemoryStreamQueue", StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port).OrderByDescending(g => g.Count()).First().Key;
        return cluster.SilosByPort[busiest];
    }

    private static async Task<List<Guid>> ListAllAsync(IUserGrain user)
    {
        var all = new List<Guid>();
        OrderCursor? after = null;
        do
        {
            var page = await user.ListOrdersAsync(7, after);
            all.AddRange(page.OrderIds);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(all.Count, all.Distinct().Count());
        return all;
    }
}
