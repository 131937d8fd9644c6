using Ecommerce.Inventory;
using Ecommerce.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Cluster.Tests;

/// <summary>
/// Orleans' ADO.NET provider and the group-commit provider share one table and one row format: a silo on either
/// reads what a silo on the other wrote, and goes on writing it.
/// </summary>
public sealed class StorageProviderCompatibilityTests
{
    [Fact]
    public async Task Rows_written_by_either_provider_read_back_and_update_through_the_other()
    {
        var database = await TestPostgres.CreateDatabaseAsync("compat");
        var (sku, user, order) = ($"COMPAT-{Guid.NewGuid():N}"[..20], Guid.NewGuid(), Guid.NewGuid());

        await using (var orleans = await StartAsync("AdoNet", database))
        {
            var grains = orleans.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IStockGrain>(sku).SetOnHandAsync(10);
            await grains.GetGrain<IStockGrain>(sku).ReserveAsync(new ReserveRequest(order, user, 3));
            Assert.True(await grains.GetGrain<IUserGrain>(user).CreateAsync(new NewUser(user, "compat@shop.test", "Ada", "hash", [Roles.Customer])));
        }

        await using (var ours = await StartAsync("Postgres", database))
        {
            var grains = ours.Services.GetRequiredService<IGrainFactory>();
            var level = await grains.GetGrain<IStockGrain>(sku).GetAsync();
            Assert.Equal((7, 3, 0), (level.Available, level.Reserved, level.Sold));
            Assert.True(await grains.GetGrain<IStockGrain>(sku).ConfirmAsync(order));
            Assert.Equal("compat@shop.test", (await grains.GetGrain<IUserGrain>(user).GetProfileAsync())!.Email);
            await grains.GetGrain<IUserGrain>(user).GrantRoleAsync(Roles.Admin);
        }

        await using (var orleans = await StartAsync("AdoNet", database))
        {
            var grains = orleans.Services.GetRequiredService<IGrainFactory>();
            var level = await grains.GetGrain<IStockGrain>(sku).GetAsync();
            Assert.Equal((7, 0, 3), (level.Available, level.Reserved, level.Sold));
            Assert.Contains(Roles.Admin, (await grains.GetGrain<IUserGrain>(user).GetProfileAsync())!.Roles);
        }

        // One row per grain state, however many writes and whichever provider made them.
        Assert.Equal(2L, await TestPostgres.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_storage WHERE grain_type_string IN ('stock', 'user')"));
    }

    private static Task<InProcessSilo> StartAsync(string storage, string database) => InProcessSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Cluster:Storage"] = storage,
        ["ConnectionStrings:Postgres"] = database,
    });
}
