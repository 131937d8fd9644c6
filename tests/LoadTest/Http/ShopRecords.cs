namespace Ecommerce.LoadTest.Http;

/// <summary>The parts of the API's answers the load tester reads (API.md); everything else is ignored.</summary>
public sealed record StockLevel(string Sku, int Available, int Reserved, int Sold);

public sealed record ProductTerms(string Sku, int? MaxPerCustomer);

public sealed record OrderSummary(Guid Id, string Status, IReadOnlyList<OrderLine> Items, DateTimeOffset CreatedAt = default)
{
    public bool IsConfirmed => string.Equals(Status, "Confirmed", StringComparison.OrdinalIgnoreCase);

    public int UnitsOf(string sku) => Items.Where(i => string.Equals(i.Sku, sku, StringComparison.Ordinal)).Sum(i => i.Quantity);
}

public sealed record ImportAnswer(int Imported, int Created);

public sealed record OrderLine(string Sku, int Quantity);

internal sealed record IssuedToken(string AccessToken);

/// <summary>One message of a buyer's inbox (<c>GET /api/notifications</c>).</summary>
public sealed record InboxMessage(Guid Id, string Kind, Guid OrderId, DateTimeOffset CreatedAt)
{
    public bool IsConfirmation => string.Equals(Kind, "OrderConfirmed", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A product's sales as each event consumer counted them (<c>GET /api/products/{sku}/sales</c>, admin).</summary>
public sealed record SalesCounts(string Sku, long BoughtTogetherUnits, long TrendingUnits);
