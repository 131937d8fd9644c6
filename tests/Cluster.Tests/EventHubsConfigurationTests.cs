using Ecommerce.Grains.Streaming;
using Ecommerce.Hosting;
using Ecommerce.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;

namespace Ecommerce.Cluster.Tests;

/// <summary>
/// Event Hubs can't be reached from where this project is built and tested, so what is tested is the configuration
/// path: the silo's host is built (not started) with Event Hubs settings and its services are read back.
/// </summary>
public sealed class EventHubsConfigurationTests
{
    private const string ConnectionString = "Endpoint=sb://shop-events.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=bm90LWEtcmVhbC1rZXk=";

    [Fact]
    public void Event_hubs_settings_configure_the_orders_stream_provider_with_a_grain_storage_checkpointer()
    {
        using var app = BuildSilo(new()
        {
            ["Cluster:Streams"] = "EventHubs",
            ["Cluster:EventHubs:ConnectionString"] = ConnectionString,
            ["Cluster:EventHubs:Hub"] = "order-events",
            ["Cluster:EventHubs:ConsumerGroup"] = "shop-silos",
        });

        var settings = app.Services.GetRequiredService<ClusterSettings>();
        Assert.Equal((StreamProvider.EventHubs, "order-events", "shop-silos"), (settings.Streams, settings.EventHubs.Hub, settings.EventHubs.ConsumerGroup));
        Assert.NotNull(app.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(ProviderNames.Streams));
        var checkpointer = app.Services.GetKeyedService<IStreamQueueCheckpointerFactory>(ProviderNames.Streams);
        Assert.IsType<GrainCheckpointer.Factory>(checkpointer);
    }

    [Fact]
    public void Incomplete_event_hubs_settings_stop_the_silo_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuildSilo(new()
        {
            ["Cluster:Streams"] = "EventHubs",
            ["Cluster:EventHubs:Hub"] = "order-events",
        }));

        Assert.Contains("Cluster:EventHubs needs ConnectionString, Hub and ConsumerGroup", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();

        // What a deployment must set outside Development (a dashboard login, the simulator switched on explicitly).
        builder.Configuration.AddInMemoryCollection(ShopProcess.SiloDefaultSettings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddShopSilo();
        return builder.Build();
    }
}
