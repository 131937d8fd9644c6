using Ecommerce.Api.Admission;
using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Api.Hosting;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Api.Endpoints;

public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog");
        products.MapGet("", Search).RequireRateLimiting(AdmissionPolicies.Browse);
        products.MapGet("/suggest", Suggest).RequireRateLimiting(AdmissionPolicies.Browse);
        products.MapGet("/{sku}", GetProduct).CacheOutput(CachedReads.PolicyName);
        products.MapPut("/{sku}", PutProduct).RequireAuthorization(AuthExtensions.AdminPolicy);
        products.MapPost("/import", Import).RequireAuthorization(AuthExtensions.AdminPolicy)
            .AcceptsLargeBody(app.ServiceProvider.GetRequiredService<RequestLimits>().MaxImportBodyBytes);
        products.MapGet("/{sku}/stock", GetStock).CacheOutput(CachedReads.PolicyName);
        products.MapPut("/{sku}/stock", PutStock).RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }

    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> Search(
        HttpContext http,
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
        var items = await WithAvailabilityAsync(readModel, [.. found.Skus.Select(index.Get).OfType<Product>()]);
        return TypedResults.Ok(new ProductPage(items, found.Total, page, pageSize, found.Facets, found.MatchedQuery));
    }

    /// <summary>
    /// A page of products with their units available: from this process's announcements, without a task per product on
    /// a search's path; only products not heard of yet are asked, together.
    /// </summary>
    private static async ValueTask<ProductResponse[]> WithAvailabilityAsync(CatalogReadModel readModel, Product[] products)
    {
        var items = new ProductResponse[products.Length];
        List<Task>? unheard = null;
        for (var i = 0; i < products.Length; i++)
        {
            if (readModel.AvailableOf(products[i].Sku) is { } available)
            {
                items[i] = ProductResponse.From(products[i], available);
            }
            else
            {
                (unheard ??= []).Add(AskAsync(i));
            }
        }

        if (unheard is not null)
        {
            await Task.WhenAll(unheard);
        }

        return items;

        async Task AskAsync(int at) => items[at] = ProductResponse.From(products[at], await readModel.AvailableAsync(products[at].Sku));
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

        if (readModel.IsUnknown(sku))
        {
            return Problem.NoSuchProduct(sku);
        }

        var productTask = cluster.Grain<IProductGrain>(sku).GetAsync();
        var stockTask = cluster.Grain<IStockGrain>(sku).GetAsync();
        var (product, stock) = (await productTask, await stockTask);
        if (product is null)
        {
            return Problem.NoSuchProduct(sku);
        }

        readModel.RememberAvailability(stock);
        return EntityTags.IsCurrent(http, $"\"p{product.Version}.s{stock.Version}\"")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(ProductResponse.From(product, stock.Available));
    }

    public static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ValidationProblem>> PutProduct(
        string sku, UpsertProductRequest request, IClusterClient cluster, CatalogReadModel readModel, IOutputCacheStore cache,
        CancellationToken cancellationToken)
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
        readModel.Remember(result.Product);
        await cache.EvictByTagAsync(CachedReads.TagOf(sku), cancellationToken);
        var stock = await cluster.Grain<IStockGrain>(sku).GetAsync();
        var body = ProductResponse.From(result.Product, stock.Available);
        return result.Created ? TypedResults.Created($"/api/products/{sku}", body) : TypedResults.Ok(body);
    }

    public static async Task<Results<Ok<StockResponse>, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetStock(
        string sku, HttpContext http, IClusterClient cluster, CatalogReadModel readModel)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        // The catalog answers for a product it holds; while it loads, the product grain does.
        if (readModel.IsUnknown(sku) || (!readModel.Ready && await cluster.Grain<IProductGrain>(sku).GetAsync() is null))
        {
            return Problem.NoSuchProduct(sku);
        }

        var stock = await cluster.Grain<IStockGrain>(sku).GetAsync();
        return EntityTags.IsCurrent(http, $"\"s{stock.Version}\"")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(StockResponse.From(stock));
    }

    public static async Task<Results<Ok<StockResponse>, ProblemHttpResult, ValidationProblem>> PutStock(
        string sku, SetStockRequest request, IClusterClient cluster, CatalogReadModel readModel, IOutputCacheStore cache,
        CancellationToken cancellationToken)
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

        // A restock through this process is orderable here at once (the others hear within the announcement interval).
        readModel.RememberAvailability(result.Level);
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
    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> Import(IReadOnlyList<ImportProductRequest?> products, IClusterClient cluster)
    {
        if (products.Count is 0 or > 1000)
        {
            return Problem.Invalid("products", "An import holds 1 to 1000 products.");
        }

        // The list's items are checked here, one by one: the parameter's validation does not reach into a JSON array.
        for (var i = 0; i < products.Count; i++)
        {
            if (products[i] is not { } product)
            {
                return Problem.Invalid($"[{i}]", "Each item is a product object.");
            }

            var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!Validator.TryValidateObject(product, new ValidationContext(product), errors, validateAllProperties: true))
            {
                return TypedResults.ValidationProblem(
                    errors.SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(m => (Key: $"[{i}].{m}", e.ErrorMessage ?? "is invalid")))
                        .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray()),
                    title: "The request is invalid", type: ProblemTypes.Validation);
            }

            if (!Sku.IsValid(product.Sku))
            {
                return Problem.Invalid($"[{i}].sku", Sku.Rule);
            }

            if (decimal.Round(product.Price, 4) != product.Price)
            {
                return Problem.Invalid($"[{i}].price", "price has at most 4 decimal places.");
            }
        }

        if (products.GroupBy(p => p!.Sku, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Problem.Invalid("sku", $"'{twice.Key}' appears more than once.");
        }

        var results = await Task.WhenAll(products.OfType<ImportProductRequest>()
            .GroupBy(p => CatalogShards.Of(p.Sku))
            .Select(g => cluster.Grain<ICatalogShardGrain>(g.Key).ImportAsync([.. g.Select(p => new ProductImport(p.Sku, p.ToDetails(), p.OnHand))])));
        return TypedResults.Ok(new ImportResponse(results.Sum(r => r.Imported), results.Sum(r => r.Created)));
    }
}
