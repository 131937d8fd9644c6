namespace Ecommerce.Grains.Carts;

[GenerateSerializer, Alias("ecommerce.grains.CartState")]
public sealed class CartState
{
    /// <summary>SKU and quantity, in the order the shopper added them.</summary>
    [Id(0)] public List<CartItem> Items { get; set; } = [];

    /// <summary>The last orders checked out of this cart, oldest first: a replayed checkout takes nothing twice.</summary>
    [Id(1)] public List<Guid> CheckedOut { get; set; } = [];

    public const int CheckoutsKept = 20;
}

[GenerateSerializer, Alias("ecommerce.grains.CartItem")]
public sealed class CartItem
{
    [Id(0)] public string Sku { get; set; } = "";
    [Id(1)] public int Quantity { get; set; }
}
