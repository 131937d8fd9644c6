namespace Ecommerce.Catalog;

/// <summary>What an admin sets on a product.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.catalog.ProductDetails")]
public sealed record ProductDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string Category,
    [property: Id(3)] decimal Price,
    [property: Id(4)] string Currency,
    [property: Id(5)] int? MaxPerCustomer,
    [property: Id(6)] DateTimeOffset? AvailableFrom);

[GenerateSerializer, Immutable, Alias("ecommerce.catalog.Product")]
public sealed record Product(
    [property: Id(0)] string Sku,
    [property: Id(1)] ProductDetails Details,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] int Version)
{
    public bool IsOnSale(DateTimeOffset now) => Details.AvailableFrom is not { } from || from <= now;
}

[GenerateSerializer, Immutable, Alias("ecommerce.catalog.UpsertProductResult")]
public sealed record UpsertProductResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] Product Product);
