using Ecommerce.Grains.Hosting;
using Ecommerce.Grains.Payments;
using Ecommerce.Hosting;
using Ecommerce.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Connections.Security;
using Orleans.Dashboard;

namespace Ecommerce.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Makes this process a silo of the shop's cluster, with the providers the configuration names.</summary>
    public static WebApplicationBuilder AddShopSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new();
        var configured = builder.Configuration.GetConnectionString("Postgres");
        var connectionString = string.IsNullOrWhiteSpace(configured) ? configured : PostgresConnection.Tune(configured);
        var problems = settings.Problems(connectionString).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid silo configuration: " + string.Join(" ", problems));
        }

        SafeSettings.Enforce(builder, "silo", UnsafeSettings(builder));

        if (settings.UsesPostgres)
        {
            // Registered before the silo, so the schema exists before any provider reads its queries.
            builder.Services.AddHostedService(sp => new SchemaMigrationService(
                connectionString!, sp.GetRequiredService<ILogger<SchemaMigrationService>>()));

            // The same (tuned) connection string as the providers, so the probe shares their connection pool.
            builder.Services.AddHealthChecks()
                .AddTypeActivatedCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, ["ready"], connectionString!);
        }

        builder.AddShopObservability(ShopTelemetry.SiloService);
        builder.Services.AddSingleton(settings);
        builder.Services.AddShopGrainServices(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.AddShopClustering(settings, connectionString);
            silo.Services.AddSampledTracePropagation();

            silo.AddShopFailover(builder.Configuration);
            silo.AddShopProviders(settings, connectionString);
            if (settings.Tls.Enabled)
            {
                var (certificate, authority) = (settings.Tls.LoadCertificate(), settings.Tls.LoadAuthority());
                silo.UseTls(certificate, o =>
                {
                    o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.RemoteCertificateValidation = (peer, _, _) => ClusterTls.IssuedBy(peer, authority);
                });
            }

            silo.AddDashboard(o => o.HideTrace = builder.Configuration.GetValue("Dashboard:HideTrace", true));
        });
        return builder;
    }

    /// <summary>What must not ship: an open dashboard (it shows grain state) and a processor that approves any card.</summary>
    private static IEnumerable<string> UnsafeSettings(WebApplicationBuilder builder)
    {
        var dashboard = builder.Configuration.GetSection(OperatorCredentials.Section).Get<OperatorCredentials>() ?? new();
        if (!dashboard.IsConfigured)
        {
            yield return "Dashboard__Username and Dashboard__Password are not set: the dashboard shows every grain's state to anyone who reaches the operator port.";
        }
        else if (SafeSettings.IsPlaceholder(dashboard.Password) || dashboard.Password!.Length < OperatorCredentials.MinPasswordLength)
        {
            yield return $"Dashboard__Password is a placeholder or shorter than {OperatorCredentials.MinPasswordLength} characters: set a real password.";
        }

        var realProcessor = builder.Services.Any(d => d.ServiceType == typeof(IPaymentGateway));
        if (!realProcessor && !builder.Configuration.GetValue<bool>(SimulatorOptions.EnabledKey))
        {
            yield return "The only payment processor is the simulator, which approves any card: register a real IPaymentGateway, "
                + "or set Payments__Simulator__Enabled=true for a test or demonstration deployment.";
        }
    }

    public static ISiloBuilder AddShopClustering(this ISiloBuilder silo, ClusterSettings settings, string? connectionString)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.Clustering == ClusteringProvider.Localhost)
        {
            var primary = settings.SiloPort == settings.PrimarySiloPort
                ? null
                : new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, settings.PrimarySiloPort);
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary, settings.ServiceId, settings.ClusterId);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNet.Invariant;
            o.ConnectionString = connectionString;
        });
        return silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            o.AdvertisedIPAddress = string.IsNullOrWhiteSpace(settings.AdvertisedIPAddress)
                ? System.Net.IPAddress.Loopback
                : System.Net.IPAddress.Parse(settings.AdvertisedIPAddress);
        });
    }
}
