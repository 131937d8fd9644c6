using Ecommerce.Grains.Hosting;
using Ecommerce.Hosting;
using Ecommerce.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Ecommerce.TestSupport;

/// <summary>
/// Real in-process Orleans clusters wired with the silo's own provider code, state in memory. (The in-process test
/// cluster always uses its own membership and transport; tests of PostgreSQL membership run real silo processes.)
/// </summary>
public static class ShopTestCluster
{
    public static readonly Dictionary<string, string?> FastExpiry = new()
    {
        ["Inventory:ReservationTtl"] = "00:00:02",
        ["Inventory:ExpirySweepInterval"] = "00:00:00.200",
    };

    public static InProcessTestCluster Build(short silos, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, Action<ISiloBuilder>? silo = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureClient(client => client.AddMemoryStreams(ProviderNames.Streams, b => b.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
        builder.ConfigureSilo((_, siloBuilder) =>
        {
            siloBuilder.AddShopProviders(new ClusterSettings(), connectionString: null);
            silo?.Invoke(siloBuilder);
            services?.Invoke(siloBuilder.Services);
            siloBuilder.Services.AddShopGrainServices(configuration);
        });
        return builder.Build();
    }
}
