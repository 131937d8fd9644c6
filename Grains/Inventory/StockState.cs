using Ecommerce.Inventory;

namespace Ecommerce.Grains.Inventory;

/// <summary>
/// What a stock grain persists. It stays small whatever the number of orders: only live reservations and the orders
/// that have not yet acknowledged their outcome are kept per order (see <see cref="IStockGrain.ForgetAsync"/>).
/// </summary>
[GenerateSerializer, Alias("ecommerce.grains.StockState")]
public sealed class StockState
{
    [Id(0)] public int Available { get; set; }
    [Id(1)] public int Reserved { get; set; }
    [Id(2)] public int Sold { get; set; }

    /// <summary>Per order: live reservations, and sales or returns the order has not acknowledged yet.</summary>
    [Id(3)] public Dictionary<Guid, StockHold> Holds { get; set; } = [];

    /// <summary>Units each customer holds in reserved or confirmed orders, counted while a limit per customer is set.</summary>
    [Id(4)] public Dictionary<Guid, int> HeldByCustomer { get; set; } = [];

    [Id(5)] public SaleTerms Terms { get; set; } = new(null, null);

    /// <summary>Bumped by every decision: the stock's ETag.</summary>
    [Id(6)] public int Version { get; set; }

    /// <summary>A copy to hand to storage: the provider serializes off the grain's thread while new decisions land.</summary>
    public StockState Snapshot() => new()
    {
        Available = Available,
        Reserved = Reserved,
        Sold = Sold,
        Holds = new(Holds),
        HeldByCustomer = new(HeldByCustomer),
        Terms = Terms,
        Version = Version,
    };
}

[GenerateSerializer, Alias("ecommerce.grains.HoldStage")]
public enum HoldStage
{
    Reserved = 0,
    Sold = 1,
    Returned = 2,
}

/// <summary>One order's units at this SKU. Immutable, so a snapshot of the holds is a shallow copy.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.grains.StockHold")]
public sealed record StockHold(
    [property: Id(0)] Guid CustomerId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] HoldStage Stage,
    [property: Id(3)] DateTimeOffset Until,
    [property: Id(4)] bool CountsAgainstLimit,
    [property: Id(5)] DateTimeOffset At);
