namespace Ecommerce.Api.Hosting;

/// <summary>
/// The API's second listener, for operators: <c>/metrics</c> answers there only (by the port the connection came in
/// on, not the Host header, which a client chooses), so the cluster's network can keep it private. The health routes
/// answer on both.
/// </summary>
public static class ManagementPort
{
    public const string UrlsKey = "Management:Urls";
    public const string DefaultUrls = "http://localhost:5001";

    /// <summary>Listens on the public URLs (<c>Urls</c>) and the management ones (<c>Management:Urls</c>).</summary>
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        var management = Split(builder.Configuration[UrlsKey] ?? DefaultUrls);
        if (management.Count == 0)
        {
            throw new InvalidOperationException($"{UrlsKey} must name at least one URL (for example http://+:8081): /metrics is served there.");
        }

        var ports = management.Select(PortOf).ToHashSet();
        var publicUrls = Split(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "http://localhost:5000");
        if (publicUrls.Select(PortOf).FirstOrDefault(ports.Contains) is var shared and > 0)
        {
            throw new InvalidOperationException($"Urls and {UrlsKey} both listen on port {shared}: the management port must be a port of its own.");
        }

        builder.WebHost.UseUrls([.. publicUrls, .. management]);
        builder.Services.AddSingleton(new ManagementPorts(ports));
        return builder;
    }

    /// <summary>Answers 404 to a management-only route reached through any other port.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        var ports = app.Services.GetRequiredService<ManagementPorts>();
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<ManagementOnly>() is not null && !ports.Ports.Contains(http.Connection.LocalPort))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        });
        return app;
    }

    public static TBuilder ManagementOnly<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ManagementOnly());

    private static List<string> Split(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Kestrel's wildcard hosts (<c>+</c>, <c>*</c>) are not valid in a URI: the port is all that is read.</summary>
    private static int PortOf(string url)
    {
        var uri = new Uri(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        return uri.Port;
    }
}

public sealed record ManagementPorts(IReadOnlySet<int> Ports);

/// <summary>Marks a route served on the management port only.</summary>
public sealed class ManagementOnly;
