using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Ecommerce.Orders;

namespace Ecommerce.Cluster.Tests;

public static class ShopData
{
    public static async Task<string> ProductAsync(IGrainFactory grains, int units, int? maxPerCustomer = null)
    {
        var sku = $"SKU-{Guid.NewGuid():N}"[..20];
        await grains.GetGrain<IProductGrain>(sku).UpsertAsync(
            new ProductDetails($"Product {sku}", "A test product", "Tests", 10m, "EUR", maxPerCustomer, null));
        await grains.GetGrain<IStockGrain>(sku).SetOnHandAsync(units);
        return sku;
    }

    /// <summary>Waits until the stock holds this many units reserved (orders in flight have reserved and wait on their payment).</summary>
    public static Task UntilReservedAsync(IGrainFactory grains, string sku, int units) =>
        Eventually.SucceedsAsync(async () =>
        {
            Assert.Equal(units, (await grains.GetGrain<IStockGrain>(sku).GetAsync()).Reserved);
            return true;
        }, TimeSpan.FromSeconds(20));

    public static PlaceOrder Order(Guid userId, string sku, int quantity = 1) =>
        new(userId, [new OrderLineRequest(sku, quantity)], new PaymentMethod("card", "tok_visa"), null, $"{sku}:{quantity}");
}
