using Ecommerce.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace Ecommerce.Silo.Hosting;

/// <summary>The silo's operator port: the Orleans dashboard at <c>/dashboard</c>, the health routes and <c>/metrics</c>.</summary>
public static class OperatorEndpoints
{
    public const string DashboardPath = "/dashboard";

    public static WebApplicationBuilder AddOperatorSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorCredentials>().Bind(builder.Configuration.GetSection(OperatorCredentials.Section));
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        var dashboard = app.MapOrleansDashboard(DashboardPath);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OperatorCredentials>>().Value.IsConfigured)
        {
            dashboard.RequireAuthorization();
        }

        app.MapGet("/", () => Results.Redirect(DashboardPath)).ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapShopMetrics();
        return app;
    }
}

/// <summary>The <c>Dashboard</c> section: when both are set the dashboard asks for them.</summary>
public sealed class OperatorCredentials
{
    public const string Section = "Dashboard";

    /// <summary>Outside Development.</summary>
    public const int MinPasswordLength = 12;

    public string? Username { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
