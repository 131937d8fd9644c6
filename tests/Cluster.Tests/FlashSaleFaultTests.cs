using Ecommerce.Inventory;
using Ecommerce.Orders;

namespace Ecommerce.Cluster.Tests;

/// <summary>Invariants 1-4 of DESIGN.md when silos die during a sale.</summary>
public sealed class FlashSaleFaultTests
{
    [Fact]
    public async Task A_silo_killed_mid_sale_loses_no_confirmed_order_and_oversells_nothing()
    {
        await using var cluster = await PostgresCluster.CreateAsync("midsale");
        cluster.Settings["Inventory__ReservationTtl"] = "00:00:03";
        cluster.Settings["Inventory__ExpirySweepInterval"] = "00:00:00.500";
        await cluster.StartSiloAsync();
        var doomed = await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var grains = cluster.Client;
        const int Units = 150;
        var sku = await ShopData.ProductAsync(grains, Units);
        var attempts = Enumerable.Range(0, 400).Select(_ => (User: Guid.NewGuid(), Id: Guid.NewGuid())).ToList();
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<Guid, PlaceOrderOutcome>();

        // 16 buyers at a time; the second silo dies a third of the way through.
        var next = -1;
        var buyers = Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < attempts.Count)
            {
                if (i == attempts.Count / 3)
                {
                    await doomed.KillAsync();
                }

                try
                {
                    var result = await grains.GetGrain<IOrderGrain>(attempts[i].Id).PlaceAsync(ShopData.Order(attempts[i].User, sku));
                    answers[attempts[i].Id] = result.Outcome;
                }
                catch (Exception)
                {
                    // The outcome of a call cut by the crash is unknown to the buyer: the audit below settles it.
                }
            }
        });
        await Task.WhenAll(buyers);

        // Every order a buyer was told is placed is still confirmed; reading an interrupted order finishes it.
        var confirmedUnits = 0;
        foreach (var (_, id) in attempts)
        {
            var order = await Eventually.SucceedsAsync(() => grains.GetGrain<IOrderGrain>(id).GetAsync());
            if (answers.TryGetValue(id, out var told) && told == PlaceOrderOutcome.Placed)
            {
                Assert.Equal(OrderStatus.Confirmed, order!.Status);
            }

            confirmedUnits += order?.Status == OrderStatus.Confirmed ? order.Items.Sum(l => l.Quantity) : 0;
        }

        // Reservations of orders cut by the crash lapse within the TTL.
        var level = await Eventually.SucceedsAsync(async () =>
        {
            var l = await grains.GetGrain<IStockGrain>(sku).GetAsync();
            Assert.Equal(0, l.Reserved);
            return l;
        });
        Assert.True(answers.Count > attempts.Count / 2, $"only {answers.Count} answers");
        Assert.Equal(Units, level.Available + level.Reserved + level.Sold);
        Assert.Equal(confirmedUnits, level.Sold);
        Assert.True(level.Sold <= Units);
    }

    [Fact]
    public async Task Reservations_expire_after_the_silo_holding_them_dies_through_a_durable_reminder()
    {
        await using var cluster = await PostgresCluster.CreateAsync("expiry");
        cluster.Settings["Inventory__ReservationTtl"] = "00:00:02";
        var first = await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var sku = await ShopData.ProductAsync(cluster.Client, units: 10);
        var reserved = await cluster.Client.GetGrain<IStockGrain>(sku).ReserveAsync(new ReserveRequest(Guid.NewGuid(), Guid.NewGuid(), 4));
        Assert.Equal(ReserveOutcome.Reserved, reserved.Outcome);
        var reminders = () => TestPostgres.ScalarAsync<long>(cluster.ConnectionString, "SELECT count(*) FROM orleans_reminders");
        await Eventually.SucceedsAsync(async () =>
        {
            Assert.Equal(1, await reminders());
            return true;
        });

        await cluster.DisconnectAsync();
        await first.KillAsync();
        await cluster.StartSiloAsync();

        // Nobody calls the stock grain: only its reminder can wake it, expire the reservation and then drop itself.
        await Eventually.SucceedsAsync(async () =>
        {
            Assert.Equal(0, await reminders());
            return true;
        }, TimeSpan.FromSeconds(90));
        await cluster.ConnectAsync();
        var level = await cluster.Client.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((10, 0, 0), (level.Available, level.Reserved, level.Sold));
    }
}
