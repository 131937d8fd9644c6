using Orleans.Configuration;

namespace Ecommerce.Api.Hosting;

/// <summary>
/// How fast the API's cluster client stops sending to a dead silo and stops waiting for it (README, "Failover"); each
/// value can be overridden under <c>Cluster:Client</c>.
/// </summary>
public static class ClientFailoverExtensions
{
    public const string Section = "Cluster:Client";

    public static IClientBuilder AddShopFailover(this IClientBuilder client, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);

        // A gateway whose connection fails is dropped at once (Orleans marks it dead); the list is read again from the
        // membership table every 2 s, so a silo restarted on the same address is used again within seconds.
        client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        client.Services.Configure<GatewayOptions>(section);

        // A dead silo's calls are failed by SiloLossGuard within seconds (a killed process closes its connection; one
        // that vanished silently is declared dead by the silos, leaves the gateway list, and the client closes it). The
        // response timeout stays Orleans' 30 s, the last resort for a silo alive but stuck: shorter, it cut calls that
        // were merely slow on a starved machine (the admin's registration at start-up took over 10 s at a load of 90).
        client.Services.Configure<ClientMessagingOptions>(section);

        client.Services.AddOptions<SiloLossGuardOptions>().Bind(section)
            .Validate(o => o.InFlightGrace > TimeSpan.Zero, $"{Section}:InFlightGrace must be positive.")
            .ValidateOnStart();
        client.Services.AddSingleton<SiloLossGuard>();
        client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<SiloLossGuard>());
        client.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<SiloLossGuard>());
        return client;
    }
}
