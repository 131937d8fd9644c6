using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Streams;

namespace Ecommerce.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>Connects this process to the cluster as an Orleans client (never as a co-hosted silo).</summary>
    public static WebApplicationBuilder AddShopClusterClient(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        var problems = settings.Problems(connectionString).ToList();
        if (settings.Clustering == ClusteringProvider.AdoNet && string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add("Clustering is AdoNet but ConnectionStrings:Postgres is empty.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid cluster client configuration: " + string.Join(" ", problems.Distinct()));
        }

        builder.Services.AddSingleton(settings);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.Clustering == ClusteringProvider.Localhost)
            {
                int[] gateways = settings.GatewayPorts.Count > 0 ? [.. settings.GatewayPorts] : [settings.GatewayPort];
                client.UseLocalhostClustering(gateways, settings.ServiceId, settings.ClusterId);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
            }

            if (settings.Streams == StreamProvider.Memory)
            {
                client.AddMemoryStreams(ProviderNames.Streams, b => b.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            }
            else
            {
                var hub = settings.EventHubs;
                client.AddEventHubStreams(ProviderNames.Streams, b =>
                {
                    b.ConfigureEventHub(ob => ob.Configure(o => o.ConfigureEventHubConnection(hub.ConnectionString!, hub.Hub!, hub.ConsumerGroup)));
                    b.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                });
            }

            if (settings.Tls.Enabled)
            {
                var (certificate, authority) = (settings.Tls.LoadCertificate(), settings.Tls.LoadAuthority());
                client.UseTls(certificate, o =>
                {
                    o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.RemoteCertificateValidation = (peer, _, _) => ClusterTls.IssuedBy(peer, authority);
                });
            }

            client.UseConnectionRetryFilter<ConnectionRetryFilter>();
            client.AddShopFailover(builder.Configuration);

            // A sampled request's trace travels into the grain calls it makes; an unsampled one costs no activity.
            client.Services.AddSampledTracePropagation();
        });
        return builder;
    }
}
