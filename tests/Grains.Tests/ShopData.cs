using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Ecommerce.Orders;

namespace Ecommerce.Grains.Tests;

/// <summary>Products, stock and orders for tests, made through the grains' own interfaces.</summary>
public static class ShopData
{
    public static string NewSku() => $"SKU-{Guid.NewGuid():N}"[..20];

    public static async Task<string> ProductAsync(IGrainFactory grains, int units, int? maxPerCustomer = null,
        decimal price = 10m, string currency = "EUR", DateTimeOffset? availableFrom = null)
    {
        var sku = NewSku();
        await grains.GetGrain<IProductGrain>(sku).UpsertAsync(
            new ProductDetails($"Product {sku}", "A test product", "Tests", price, currency, maxPerCustomer, availableFrom));
        await grains.GetGrain<IStockGrain>(sku).SetOnHandAsync(units);
        return sku;
    }

    public static PlaceOrder Order(Guid userId, string sku, int quantity = 1, string token = "tok_visa") =>
        new(userId, [new OrderLineRequest(sku, quantity)], new PaymentMethod("card", token), null, $"{sku}:{quantity}:{token}");

    /// <summary>Invariant 1 of DESIGN.md: nothing negative, and every unit is available, reserved or sold.</summary>
    public static void AssertBalanced(StockLevel level, int onHand)
    {
        Assert.True(level.Available >= 0 && level.Reserved >= 0 && level.Sold >= 0, $"negative stock: {level}");
        Assert.Equal(onHand, level.Available + level.Reserved + level.Sold);
    }
}
