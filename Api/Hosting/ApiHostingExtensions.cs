using System.Text.Json.Serialization;
using Ecommerce.Api.Admission;
using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Api.Endpoints;
using Ecommerce.Hosting;
using Ecommerce.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Ecommerce.Api.Hosting;

public static class ApiHostingExtensions
{
    /// <summary>The HTTP surface's services: JSON, problem details, validation, auth, admission, OpenAPI, health and telemetry.</summary>
    public static WebApplicationBuilder AddShopApi(this WebApplicationBuilder builder)
    {
        builder.AddShopObservability(ShopTelemetry.ApiService);
        builder.AddManagementPort();
        builder.AddRequestLimits();
        builder.Services.Configure<HttpJsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
        builder.Services.AddExceptionHandler<ShopExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"])
            .AddCheck<CatalogReadyCheck>("catalog", tags: ["ready"]);
        builder.Services.AddOptions<CatalogOptions>().Bind(builder.Configuration.GetSection(CatalogOptions.Section))
            .Validate(o => o.ResultCacheSize >= 0 && o.SnapshotInterval > TimeSpan.Zero, "Catalog:ResultCacheSize must not be negative and Catalog:SnapshotInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new CatalogIndex(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ResultCacheSize));
        builder.Services.AddSingleton<CatalogReadModel>();
        builder.Services.AddSingleton<OrderRefusals>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogReadModel>());
        builder.Services.AddOutputCache(o => o.AddPolicy(CachedReads.PolicyName, new CachedReads()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddShopAuth();
        builder.AddShopAdmission();
        return builder;
    }

    public static WebApplication MapShopApi(this WebApplication app)
    {
        app.UseShopForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseManagementPort();
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseShopAdmission();
        app.UseOutputCache();

        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapShopMetrics().ManagementOnly();
        app.MapGet("/api/ping", () => TypedResults.Ok("pong")).WithTags("Operations").ExcludeFromDescription();

        app.MapUsersEndpoints();
        app.MapProductsEndpoints();
        app.MapCartEndpoints();
        app.MapOrdersEndpoints();
        app.MapRecommendationsEndpoints();
        app.MapNotificationsEndpoints();
        return app;
    }
}
