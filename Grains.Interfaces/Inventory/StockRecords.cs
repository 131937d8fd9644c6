namespace Ecommerce.Inventory;

/// <summary>The parts of a product's definition that decide whether a unit may be reserved.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.inventory.SaleTerms")]
public sealed record SaleTerms(
    [property: Id(0)] int? MaxPerCustomer,
    [property: Id(1)] DateTimeOffset? AvailableFrom);

[GenerateSerializer, Immutable, Alias("ecommerce.inventory.StockLevel")]
public sealed record StockLevel(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Available,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Sold,
    [property: Id(4)] int Version)
{
    public int OnHand => Available + Reserved + Sold;
}

[GenerateSerializer, Immutable, Alias("ecommerce.inventory.ReserveRequest")]
public sealed record ReserveRequest(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] int Quantity);

/// <summary>What a cancelled, confirmed order gives back: carried by the order, since the stock may have forgotten it.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.inventory.ReturnRequest")]
public sealed record ReturnRequest(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] int Quantity);

[GenerateSerializer, Alias("ecommerce.inventory.ReserveOutcome")]
public enum ReserveOutcome
{
    Reserved = 0,
    OutOfStock = 1,
    LimitExceeded = 2,
    NotOnSale = 3,
}

[GenerateSerializer, Immutable, Alias("ecommerce.inventory.ReserveResult")]
public sealed record ReserveResult(
    [property: Id(0)] ReserveOutcome Outcome,
    [property: Id(1)] int Available,
    [property: Id(2)] int? MaxPerCustomer,
    [property: Id(3)] int HeldByCustomer);

[GenerateSerializer, Immutable, Alias("ecommerce.inventory.SetOnHandResult")]
public sealed record SetOnHandResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] StockLevel Level);
