using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Api.Endpoints;

public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog");
        products.MapGet("", Search);
        products.MapGet("/suggest", Suggest);
        products.MapGet("/{sku}", GetProduct).CacheOutput(CachedReads.PolicyName);
        products.MapPut("/{sku}", PutProduct).RequireAuthorization(AuthExtensions.AdminPolicy);
        products.MapPost("/import", Import).RequireAuthorization(AuthExtensions.AdminPolicy);
        products.MapGet("/{sku}/stock", GetStock).CacheOutput(CachedReads.PolicyName);
        products.MapPut("/{sku}/stock", PutStock).RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }

    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> Search(
        HttpContext http,
        IClusterClient cluster,
        CatalogIndex index,
        CatalogReadModel readModel,
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

        if (category is { Length: > 100 })
        {
            errors["category"] = ["A category is at most 100 characters."];
        }

        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["pageSize is between 1 and 100."];
        }

        if (page < 1 || (long)page * Math.Clamp(pageSize, 1, 100) > ProductQuery.MaxWindow)
        {
            errors["page"] = [$"page starts at 1, and page x pageSize is at most {ProductQuery.MaxWindow}."];
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
        // Cache-Control: no-cache asks for an answer computed now rather than a cached one (the benchmark's engine runs).
        var found = index.Search(query, useCache: !http.Request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase));
        var items = await WithAvailabilityAsync(cluster, readModel, [.. found.Skus.Select(index.Get).OfType<Product>()]);
        return TypedResults.Ok(new ProductPage(items, found.Total, page, pageSize, found.Facets, found.MatchedQuery));
    }

    public static Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem> Suggest(CatalogIndex index, string? q, int limit = 8)
    {
        if (limit is < 1 or > 20)
        {
            return Problem.Invalid("limit", "limit is between 1 and 20.");
        }

        if (q is { Length: > 100 })
        {
            return Problem.Invalid("q", "A suggestion query is at most 100 characters.");
        }

        return TypedResults.Ok(string.IsNullOrWhiteSpace(q) ? [] : index.Suggest(q.Trim(), limit));
    }

    public static async Task<Results<Ok<ProductResponse>, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetProduct(
        string sku, HttpContext http, IClusterClient cluster, CatalogReadModel readModel)
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

        readModel.RememberAvailability(stock);
        return EntityTags.IsCurrent(http, $"\"p{product.Version}.s{stock.Version}\"")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(ProductResponse.From(product, stock.Available));
    }

    public static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ValidationProblem>> PutProduct(
        string sku, UpsertProductRequest request, IClusterClient cluster, IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (decimal.Round(request.Price, 4) != request.Price)
        {
            return Problem.Invalid("price", "price has at most 4 decimal places.");
        }

        var result = await cluster.Grain<IProductGrain>(sku).UpsertAsync(request.ToDetails());

        // This process reads its own writes at once; the others hear of the change through the catalog feed.
        await cache.EvictByTagAsync(CachedReads.TagOf(sku), cancellationToken);
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
        string sku, SetStockRequest request, IClusterClient cluster, IOutputCacheStore cache, CancellationToken cancellationToken)
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
        await cache.EvictByTagAsync(CachedReads.TagOf(sku), cancellationToken);
        return result.Accepted
            ? TypedResults.Ok(StockResponse.From(result.Level))
            : Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.StockBelowReserved, "Below reserved units",
                $"{result.Level.Reserved} units are reserved by buyers; onHand can't be set below that.");
    }

    /// <summary>
    /// Bulk import for catalog loads: up to 1,000 products a call, each with an optional stock level. Products are
    /// grouped by catalog shard, so each shard is written once per call rather than once per product.
    /// </summary>
    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> Import(IReadOnlyList<ImportProductRequest> products, IClusterClient cluster)
    {
        if (products.Count is 0 or > 1000)
        {
            return Problem.Invalid("products", "An import holds 1 to 1000 products.");
        }

        if (products.FirstOrDefault(p => !Sku.IsValid(p.Sku)) is { } bad)
        {
            return Problem.Invalid("sku", $"'{bad.Sku}' is not a valid SKU.");
        }

        if (products.GroupBy(p => p.Sku, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Problem.Invalid("sku", $"'{twice.Key}' appears more than once.");
        }

        var results = await Task.WhenAll(products
            .GroupBy(p => CatalogShards.Of(p.Sku))
            .Select(g => cluster.Grain<ICatalogShardGrain>(g.Key).ImportAsync([.. g.Select(p => new ProductImport(p.Sku, p.ToDetails(), p.OnHand))])));
        return TypedResults.Ok(new ImportResponse(results.Sum(r => r.Imported), results.Sum(r => r.Created)));
    }

    private static async Task<IReadOnlyList<ProductResponse>> WithAvailabilityAsync(
        IClusterClient cluster, CatalogReadModel readModel, IReadOnlyList<Product> products)
    {
        // Availability as last announced to this process; a product it has not heard of yet is asked once.
        return await Task.WhenAll(products.Select(async p =>
        {
            if (readModel.AvailableOf(p.Sku) is not { } available)
            {
                var level = await cluster.Grain<IStockGrain>(p.Sku).GetAsync();
                readModel.RememberAvailability(level);
                available = level.Available;
            }

            return ProductResponse.From(p, available);
        }));
    }
}
