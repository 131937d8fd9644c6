using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ecommerce.Api.Hosting;

/// <summary>
/// The <c>Limits</c> section: how large a request body Kestrel reads. Small by default (every request of the API is a
/// small JSON document); the catalog import, which takes up to 1,000 products a call, gets its own larger limit.
/// </summary>
public sealed class RequestLimits
{
    public const string Section = "Limits";

    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public long MaxImportBodyBytes { get; set; } = 16 * 1024 * 1024;
}

public static class RequestLimitsExtensions
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RequestLimits.Section).Get<RequestLimits>() ?? new();
        if (limits.MaxRequestBodyBytes < 1024 || limits.MaxImportBodyBytes < limits.MaxRequestBodyBytes)
        {
            throw new InvalidOperationException(
                "Limits:MaxRequestBodyBytes must be at least 1024, and Limits:MaxImportBodyBytes at least as large.");
        }

        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>A route that takes more than the default (the import) says so with <see cref="LargeBody"/>.</summary>
    public static TBuilder AcceptsLargeBody<TBuilder>(this TBuilder endpoint, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new LargeBody(maxBytes));

    /// <summary>Applies a route's own body limit before anything reads the body.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } limit
                && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit.MaxRequestBodySize;
            }

            return next(http);
        });
        return app;
    }
}

public sealed class LargeBody(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => maxBytes;
}
