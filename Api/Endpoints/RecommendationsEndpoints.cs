using Ecommerce.Api.Auth;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Ecommerce.Recommendations;

namespace Ecommerce.Api.Endpoints;

public static partial class RecommendationsEndpoints
{
    public static IEndpointRouteBuilder MapRecommendationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/recommendations", ForMe).WithTags("Recommendations").RequireAuthorization();
        app.MapGet("/api/products/{sku}/recommendations", BoughtTogether).WithTags("Recommendations");
        app.MapGet("/api/products/trending", Trending).WithTags("Recommendations");
        app.MapGet("/api/products/{sku}/sales", SalesCounted).WithTags("Recommendations").RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }

    /// <summary>
    /// A product's confirmed units as each consumer of order events counted them within the trending window
    /// (bought-together, trending): shop-wide figures, for operators checking that no event was lost or counted twice.
    /// </summary>
    public static async Task<Results<Ok<SalesCountedResponse>, ProblemHttpResult, ValidationProblem>> SalesCounted(string sku, IClusterClient cluster)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (await cluster.Grain<IProductGrain>(sku).GetAsync() is null)
        {
            return Problem.NotFound($"There is no product '{sku}'.");
        }

        var boughtTogether = cluster.Grain<IProductAffinityGrain>(sku).GetUnitsSoldAsync();
        var trending = cluster.Grain<ITrendingGrain>(0).GetUnitsAsync(sku);
        return TypedResults.Ok(new SalesCountedResponse(sku, await boughtTogether, await trending));
    }

    /// <summary>The caller's precomputed list; trending products when it is empty or the engine fails.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ProductResponse>>, ValidationProblem>> ForMe(
        HttpContext http, IClusterClient cluster, ILoggerFactory loggers, int limit = 10)
    {
        if (!ValidLimit(limit))
        {
            return InvalidLimit();
        }

        IReadOnlyList<string> skus = [];
        try
        {
            skus = await cluster.Grain<IUserRecommendationsGrain>(http.User.UserIdOf()).GetAsync(limit);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(loggers.CreateLogger(nameof(RecommendationsEndpoints)), ex);
        }

        if (skus.Count == 0)
        {
            skus = [.. (await cluster.Grain<ITrendingGrain>(0).GetAsync(limit)).Select(s => s.Sku)];
        }

        return TypedResults.Ok(await ProductsAsync(cluster, skus));
    }

    public static async Task<Results<Ok<IReadOnlyList<ProductResponse>>, ProblemHttpResult, ValidationProblem>> BoughtTogether(
        string sku, IClusterClient cluster, Catalog.CatalogReadModel readModel, int limit = 10)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (!ValidLimit(limit))
        {
            return InvalidLimit();
        }

        if (readModel.IsUnknown(sku) || (!readModel.Ready && await cluster.Grain<IProductGrain>(sku).GetAsync() is null))
        {
            return Problem.NoSuchProduct(sku);
        }

        var together = await cluster.Grain<IProductAffinityGrain>(sku).GetBoughtTogetherAsync(limit);
        return TypedResults.Ok(await ProductsAsync(cluster, [.. together.Select(s => s.Sku)]));
    }

    public static async Task<Results<Ok<IReadOnlyList<ProductResponse>>, ValidationProblem>> Trending(IClusterClient cluster, int limit = 10)
    {
        if (!ValidLimit(limit))
        {
            return InvalidLimit();
        }

        var trending = await cluster.Grain<ITrendingGrain>(0).GetAsync(limit);
        return TypedResults.Ok(await ProductsAsync(cluster, [.. trending.Select(s => s.Sku)]));
    }

    private static bool ValidLimit(int limit) => limit is >= 1 and <= 50;

    private static ValidationProblem InvalidLimit() => Problem.Invalid("limit", "limit is between 1 and 50.");

    private static async Task<IReadOnlyList<ProductResponse>> ProductsAsync(IClusterClient cluster, IReadOnlyList<string> skus)
    {
        var found = await Task.WhenAll(skus.Select(async sku =>
        {
            var product = await cluster.Grain<IProductGrain>(sku).GetAsync();
            return product is null ? null : ProductResponse.From(product, (await cluster.Grain<IStockGrain>(sku).GetAsync()).Available);
        }));
        return [.. found.OfType<ProductResponse>()];
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Recommendations failed; answering with trending products")]
    private static partial void LogFallback(ILogger logger, Exception error);
}
