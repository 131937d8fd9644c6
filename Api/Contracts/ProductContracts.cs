using System.ComponentModel;
using Ecommerce.Catalog;
using Ecommerce.Inventory;

namespace Ecommerce.Api.Contracts;

public sealed record UpsertProductRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(4000)] string? Description,
    [property: Required, StringLength(100, MinimumLength = 1)] string Category,
    [property: Range(typeof(decimal), "0", "1000000000")] decimal Price,
    [property: Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "currency must be an ISO 4217 code such as EUR.")] string Currency,
    [property: Range(1, 1_000_000)] int? MaxPerCustomer,
    DateTimeOffset? AvailableFrom)
{
    public ProductDetails ToDetails() => ProductInput.Details(Name, Description, Category, Price, Currency, MaxPerCustomer, AvailableFrom);
}

/// <summary>What a product write stores of what a client sent: trimmed text, no description as an empty one.</summary>
internal static class ProductInput
{
    public static ProductDetails Details(string name, string? description, string category, decimal price, string currency,
        int? maxPerCustomer, DateTimeOffset? availableFrom) =>
        new(name.Trim(), description?.Trim() ?? "", category.Trim(), price, currency, maxPerCustomer, availableFrom);
}

public sealed record SetStockRequest([property: Range(0, 1_000_000_000)] int OnHand);

public sealed record ProductResponse(
    string Sku,
    string Name,
    string Description,
    string Category,
    decimal Price,
    string Currency,
    int? MaxPerCustomer,
    DateTimeOffset? AvailableFrom,
    int Available)
{
    public static ProductResponse From(Product product, int available) => new(
        product.Sku, product.Details.Name, product.Details.Description, product.Details.Category, product.Details.Price,
        product.Details.Currency, product.Details.MaxPerCustomer, product.Details.AvailableFrom, available);
}

public sealed record StockResponse(string Sku, int Available, int Reserved, int Sold, int OnHand)
{
    public static StockResponse From(StockLevel level) => new(level.Sku, level.Available, level.Reserved, level.Sold, level.OnHand);
}

/// <summary>A page of search results. <c>MatchedQuery</c>: the words of <c>q</c> the results match, as typed; when all
/// of them together match nothing, the later words are dropped (the last typed first) until some match. Null without <c>q</c>.</summary>
public sealed record ProductPage(
    IReadOnlyList<ProductResponse> Items,
    int Total,
    int Page,
    int PageSize,
    ProductFacets Facets,
    [property: Description("The words of q the results match, as typed: all of them, or the first ones when all together matched nothing and the last typed were dropped. Null without q.")]
    string? MatchedQuery = null);

public sealed record ProductFacets(IReadOnlyList<FacetCount> Categories, IReadOnlyList<PriceRangeCount> PriceRanges);

public sealed record FacetCount(string Value, int Count);

public sealed record PriceRangeCount(decimal Min, decimal? Max, int Count);

public sealed record Suggestion(string Sku, string Name);

public sealed record ImportProductRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string Sku,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(4000)] string? Description,
    [property: Required, StringLength(100, MinimumLength = 1)] string Category,
    [property: Range(typeof(decimal), "0", "1000000000")] decimal Price,
    [property: Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "currency must be an ISO 4217 code such as EUR.")] string Currency,
    [property: Range(1, 1_000_000)] int? MaxPerCustomer,
    DateTimeOffset? AvailableFrom,
    [property: Range(0, 1_000_000_000)] int? OnHand)
{
    public ProductDetails ToDetails() => ProductInput.Details(Name, Description, Category, Price, Currency, MaxPerCustomer, AvailableFrom);
}

public sealed record ImportResponse(int Imported, int Created);

/// <summary>A product's confirmed units as counted by the bought-together consumer and by trending, within the trending window.</summary>
public sealed record SalesCountedResponse(string Sku, long BoughtTogetherUnits, long TrendingUnits);
