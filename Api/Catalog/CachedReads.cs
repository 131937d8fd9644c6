using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// Output caching of the hot anonymous reads (a product, its stock): for at most a second, tagged by SKU so that the
/// catalog feed evicts an entry as soon as its product or stock changes. The answers are the same for every caller,
/// so requests that carry a token are cached too.
/// </summary>
public sealed class CachedReads : IOutputCachePolicy
{
    public const string PolicyName = "product-reads";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    public static string TagOf(string sku) => $"sku:{sku}";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = MaxAge;
        // Product and stock reads take no query: a client adding one (?x=1, ?x=2, ...) gets the cached answer, not a new entry.
        context.CacheVaryByRules.QueryKeys = Microsoft.Extensions.Primitives.StringValues.Empty;
        if (context.HttpContext.Request.RouteValues.TryGetValue("sku", out var sku) && sku is string value)
        {
            context.Tags.Add(TagOf(value));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
