using Ecommerce.Inventory;

namespace Ecommerce.Grains.Inventory;

[GenerateSerializer, Alias("ecommerce.grains.StockState")]
public sealed class StockState
{
    [Id(0)] public int Available { get; set; }
    [Id(1)] public int Reserved { get; set; }
    [Id(2)] public int Sold { get; set; }

    /// <summary>Live reservations and recent sales, by order id: what makes every call idempotent per order.</summary>
    [Id(3)] public Dictionary<Guid, StockHold> Holds { get; set; } = [];

    /// <summary>Units each customer holds in reserved or confirmed orders, for maxPerCustomer.</summary>
    [Id(4)] public Dictionary<Guid, int> HeldByCustomer { get; set; } = [];

    [Id(5)] public SaleTerms Terms { get; set; } = new(null, null);
    [Id(6)] public int Version { get; set; }
}

[GenerateSerializer, Alias("ecommerce.grains.StockHold")]
public sealed class StockHold
{
    [Id(0)] public Guid CustomerId { get; set; }
    [Id(1)] public int Quantity { get; set; }

    /// <summary>When a reservation lapses; for a sale, when its record may be forgotten.</summary>
    [Id(2)] public DateTimeOffset Until { get; set; }
    [Id(3)] public bool Sold { get; set; }
}
