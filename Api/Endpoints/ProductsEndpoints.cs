using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Catalog;
using Ecommerce.Inventory;

namespace Ecommerce.Api.Endpoints;

public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog");
        products.MapGet("", Search);
        products.MapGet("/suggest", Suggest);
        products.MapGet("/{sku}", GetProduct);
        products.MapPut("/{sku}", PutProduct).RequireAuthorization(AuthExtensions.AdminPolicy);
        products.MapGet("/{sku}/stock", GetStock);
        products.MapPut("/{sku}/stock", PutStock).RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }

    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> Search(
        IClusterClient cluster,
        ProductSearch search,
        string? q,
        string? category,
        decimal? minPrice,
        decimal? maxPrice,
        string? sort,
        int page = 1,
        int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > 200 })
        {
            errors["q"] = ["A search is at most 200 characters."];
        }

        if (page < 1 || page > 10_000)
        {
            errors["page"] = ["page is between 1 and 10000."];
        }

        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["pageSize is between 1 and 100."];
        }

        if (minPrice < 0 || maxPrice < 0 || minPrice > maxPrice)
        {
            errors["minPrice"] = ["minPrice and maxPrice are not negative, and minPrice is at most maxPrice."];
        }

        if (sort is not null && !ProductQuery.Sorts.Contains(sort))
        {
            errors["sort"] = [$"sort is one of {string.Join(", ", ProductQuery.Sorts)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is invalid", type: ProblemTypes.Validation);
        }

        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var query = new ProductQuery(text, string.IsNullOrWhiteSpace(category) ? null : category.Trim(), minPrice, maxPrice,
            sort ?? (text is null ? "name" : "relevance"), page, pageSize);
        var (found, total, facets) = await search.SearchAsync(query);
        var items = await WithAvailabilityAsync(cluster, found);
        return TypedResults.Ok(new ProductPage(items, total, page, pageSize, facets));
    }

    public static async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem>> Suggest(
        ProductSearch search, string? q, int limit = 8)
    {
        if (limit is < 1 or > 20)
        {
            return Problem.Invalid("limit", "limit is between 1 and 20.");
        }

        if (q is { Length: > 100 })
        {
            return Problem.Invalid("q", "A suggestion query is at most 100 characters.");
        }

        return TypedResults.Ok(string.IsNullOrWhiteSpace(q) ? [] : await search.SuggestAsync(q.Trim(), limit));
    }

    public static async Task<Results<Ok<ProductResponse>, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetProduct(
        string sku, HttpContext http, IClusterClient cluster)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        var productTask = cluster.Grain<IProductGrain>(sku).GetAsync();
        var stockTask = cluster.Grain<IStockGrain>(sku).GetAsync();
        var (product, stock) = (await productTask, await stockTask);
        if (product is null)
        {
            return Problem.NotFound($"There is no product '{sku}'.");
        }

        return EntityTags.IsCurrent(http, $"\"p{product.Version}.s{stock.Version}\"")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(ProductResponse.From(product, stock.Available));
    }

    public static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ValidationProblem>> PutProduct(
        string sku, UpsertProductRequest request, IClusterClient cluster)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (decimal.Round(request.Price, 4) != request.Price)
        {
            return Problem.Invalid("price", "price has at most 4 decimal places.");
        }

        var details = new ProductDetails(request.Name.Trim(), request.Description?.Trim() ?? "", request.Category.Trim(),
            request.Price, request.Currency, request.MaxPerCustomer, request.AvailableFrom);
        var result = await cluster.Grain<IProductGrain>(sku).UpsertAsync(details);
        var stock = await cluster.Grain<IStockGrain>(sku).GetAsync();
        var body = ProductResponse.From(result.Product, stock.Available);
        return result.Created ? TypedResults.Created($"/api/products/{sku}", body) : TypedResults.Ok(body);
    }

    public static async Task<Results<Ok<StockResponse>, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetStock(
        string sku, HttpContext http, IClusterClient cluster)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (await cluster.Grain<IProductGrain>(sku).GetAsync() is null)
        {
            return Problem.NotFound($"There is no product '{sku}'.");
        }

        var stock = await cluster.Grain<IStockGrain>(sku).GetAsync();
        return EntityTags.IsCurrent(http, $"\"s{stock.Version}\"")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(StockResponse.From(stock));
    }

    public static async Task<Results<Ok<StockResponse>, ProblemHttpResult, ValidationProblem>> PutStock(
        string sku, SetStockRequest request, IClusterClient cluster)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (await cluster.Grain<IProductGrain>(sku).GetAsync() is null)
        {
            return Problem.NotFound($"There is no product '{sku}'; create it before setting its stock.");
        }

        var result = await cluster.Grain<IStockGrain>(sku).SetOnHandAsync(request.OnHand);
        return result.Accepted
            ? TypedResults.Ok(StockResponse.From(result.Level))
            : Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.StockBelowReserved, "Below reserved units",
                $"{result.Level.Reserved} units are reserved by buyers; onHand can't be set below that.");
    }

    private static async Task<IReadOnlyList<ProductResponse>> WithAvailabilityAsync(IClusterClient cluster, IReadOnlyList<Product> products)
    {
        var levels = await Task.WhenAll(products.Select(p => cluster.Grain<IStockGrain>(p.Sku).GetAsync()));
        return [.. products.Zip(levels, (p, s) => ProductResponse.From(p, s.Available))];
    }
}
