using System.Net;
using System.Threading.RateLimiting;
using Ecommerce.Api.Auth;
using Ecommerce.Users;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecommerce.Api.Admission;

/// <summary>
/// Admission control with ASP.NET Core's rate limiter: per client address on the anonymous routes that cost most
/// (registration, login, search, suggestions), a token bucket per signed-in user for every write, and a queue in front
/// of order placement. A refused request gets a 429 problem document with <c>Retry-After</c>.
/// </summary>
public static class AdmissionExtensions
{
    public static WebApplicationBuilder AddShopAdmission(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AdmissionSettings.Section).Get<AdmissionSettings>() ?? new();
        var proxies = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new();
        var problems = settings.Problems().Concat(proxies.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid admission settings: " + string.Join(" ", problems));
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(proxies);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxies.ForwardLimit;

            // Only the proxies configured: not even loopback is trusted by default.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => TooManyRequests.WriteAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1),
                "Too many requests from this client; retry after the time in Retry-After.");
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsLimitedWrite(http) && http.User.FindFirst(ShopClaims.UserId)?.Value is { } user
                    ? RateLimitPartition.GetTokenBucketLimiter(user, _ => settings.Writes.ToOptions())
                    : RateLimitPartition.GetNoLimiter(""));
            o.AddPolicy(AdmissionPolicies.Accounts, http =>
                RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(http), _ => settings.Accounts.ToOptions()));
            o.AddPolicy(AdmissionPolicies.Browse, http =>
                RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(http), _ => settings.Browse.ToOptions()));
            o.AddConcurrencyLimiter(AdmissionPolicies.Orders, c =>
            {
                c.PermitLimit = settings.Orders.PermitLimit;
                c.QueueLimit = settings.Orders.QueueLimit;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        return builder;
    }

    /// <summary>Forwarded headers first (so limits see the client's address), then the limiter once the caller is known.</summary>
    public static WebApplication UseShopForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxySettings>().IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static WebApplication UseShopAdmission(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AdmissionSettings>().Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>A write by a signed-in customer. Admins are trusted with bulk work (catalog imports, stock).</summary>
    private static bool IsLimitedWrite(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.User.Identity?.IsAuthenticated == true && !http.User.IsInRole(Roles.Admin);
}
