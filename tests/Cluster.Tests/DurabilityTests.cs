using Ecommerce.Carts;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.Users;

namespace Ecommerce.Cluster.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task State_in_PostgreSQL_survives_a_full_restart_of_the_silo()
    {
        await using var cluster = await PostgresCluster.CreateAsync("restart");
        var first = await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var grains = cluster.Client;
        var sku = await ShopData.ProductAsync(grains, units: 10);
        var user = Guid.NewGuid();
        var email = $"{user:N}@shop.test";
        await grains.GetGrain<IUserLoginGrain>(EmailAddress.Normalize(email))
            .RegisterAsync(new NewUser(user, email, "Ada", "hash", [Roles.Customer]));
        var orderId = Guid.NewGuid();
        var placed = await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(ShopData.Order(user, sku, 2));
        await grains.GetGrain<ICartGrain>(user).SetItemAsync(sku, 3);
        Assert.Equal(OrderStatus.Confirmed, placed.Order!.Status);

        await cluster.DisconnectAsync();
        await first.StopAsync();
        await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        grains = cluster.Client;

        Assert.Equal($"Product {sku}", (await grains.GetGrain<IProductGrain>(sku).GetAsync())!.Details.Name);
        var level = await grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((8, 0, 2), (level.Available, level.Reserved, level.Sold));
        var order = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        Assert.Equal(OrderStatus.Confirmed, order!.Status);
        Assert.Equal([orderId], (await grains.GetGrain<IUserGrain>(user).ListOrdersAsync(10, null)).OrderIds);
        Assert.Equal(user, await grains.GetGrain<IUserLoginGrain>(EmailAddress.Normalize(email)).GetUserIdAsync());
        Assert.Equal(3, Assert.Single((await grains.GetGrain<ICartGrain>(user).GetAsync()).Items).Quantity);
        var rows = await TestPostgres.ScalarAsync<long>(cluster.ConnectionString, "SELECT count(*) FROM orleans_storage");
        Assert.True(rows >= 7, $"expected the grains' rows in orleans_storage, found {rows}");
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_and_killing_one_loses_no_confirmed_order()
    {
        await using var cluster = await PostgresCluster.CreateAsync("kill");
        await cluster.StartSiloAsync();
        var doomed = await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var grains = cluster.Client;
        var hosts = await Eventually.SucceedsAsync(async () =>
        {
            var active = await grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, active.Count);
            return active;
        });
        Assert.Equal(2, hosts.Count);

        var sku = await ShopData.ProductAsync(grains, units: 100);
        var orders = Enumerable.Range(0, 40).Select(_ => (User: Guid.NewGuid(), Id: Guid.NewGuid())).ToList();
        var results = await Task.WhenAll(orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id).PlaceAsync(ShopData.Order(o.User, sku))));
        Assert.All(results, r => Assert.Equal(OrderStatus.Confirmed, r.Order!.Status));

        await doomed.KillAsync();

        foreach (var (_, id) in orders)
        {
            var order = await Eventually.SucceedsAsync(() => grains.GetGrain<IOrderGrain>(id).GetAsync());
            Assert.Equal(OrderStatus.Confirmed, order!.Status);
        }

        var level = await Eventually.SucceedsAsync(() => grains.GetGrain<IStockGrain>(sku).GetAsync());
        Assert.Equal((60, 0, 40), (level.Available, level.Reserved, level.Sold));
        var after = await Eventually.SucceedsAsync(() =>
            grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(ShopData.Order(Guid.NewGuid(), sku, 5)));
        Assert.Equal(PlaceOrderOutcome.Placed, after.Outcome);
    }

    [Fact]
    public async Task Two_hundred_buyers_for_fifty_units_on_PostgreSQL_buy_exactly_fifty()
    {
        await using var cluster = await PostgresCluster.CreateAsync("lastunits");
        await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var grains = cluster.Client;
        var sku = await ShopData.ProductAsync(grains, units: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(ShopData.Order(Guid.NewGuid(), sku))));

        Assert.Equal(50, results.Count(r => r.Outcome == PlaceOrderOutcome.Placed));
        Assert.Equal(150, results.Count(r => r.Outcome == PlaceOrderOutcome.OutOfStock));
        var level = await grains.GetGrain<IStockGrain>(sku).GetAsync();
        Assert.Equal((0, 0, 50), (level.Available, level.Reserved, level.Sold));
    }
}
