namespace Ecommerce.Carts;

[GenerateSerializer, Immutable, Alias("ecommerce.carts.CartLine")]
public sealed record CartLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal LineTotal);

[GenerateSerializer, Immutable, Alias("ecommerce.carts.CartView")]
public sealed record CartView(
    [property: Id(0)] IReadOnlyList<CartLine> Items,
    [property: Id(1)] decimal Total,
    [property: Id(2)] string? Currency);

[GenerateSerializer, Alias("ecommerce.carts.CartChange")]
public enum CartChange
{
    Updated = 0,
    UnknownProduct = 1,
    CurrencyMismatch = 2,

    /// <summary>The cart holds <see cref="CartLimits.MaxLines"/> lines already and this SKU is not one of them.</summary>
    TooManyLines = 3,
}

public static class CartLimits
{
    /// <summary>A cart is a shopping list, not storage: its state, and every read that prices it, stay small.</summary>
    public const int MaxLines = 50;
}

[GenerateSerializer, Immutable, Alias("ecommerce.carts.CartLineOrdered")]
public sealed record CartLineOrdered(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity);

[GenerateSerializer, Immutable, Alias("ecommerce.carts.CartChangeResult")]
public sealed record CartChangeResult(
    [property: Id(0)] CartChange Change,
    [property: Id(1)] CartView Cart);
