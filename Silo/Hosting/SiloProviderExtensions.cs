using Ecommerce.Grains.Streaming;
using Orleans.Storage;
using Orleans.Streams;

namespace Ecommerce.Silo.Hosting;

public static class AdoNet
{
    /// <summary>The ADO.NET invariant under which Orleans finds Npgsql.</summary>
    public const string Invariant = "Npgsql";
}

public static class SiloProviderExtensions
{
    /// <summary>Grain storage, reminders and streams as configured: shared by the silo host and the test clusters.</summary>
    public static ISiloBuilder AddShopProviders(this ISiloBuilder silo, ClusterSettings settings, string? connectionString)
    {
        // Grain state is stored in Orleans' binary format: several times faster than the default JSON on the hot
        // paths, and as tolerant of renames thanks to the [Alias]es and [Id]s on every state type.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        if (settings.Storage == StateProvider.AdoNet)
        {
            silo.AddAdoNetGrainStorage(ProviderNames.Storage, o =>
            {
                o.Invariant = AdoNet.Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.AddMemoryGrainStorage(ProviderNames.Storage);
        }

        if (settings.Reminders == StateProvider.AdoNet)
        {
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoNet.Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        return silo.AddShopStreams(settings);
    }

    private static ISiloBuilder AddShopStreams(this ISiloBuilder silo, ClusterSettings settings)
    {
        // Consumers subscribe implicitly (by grain class), so no pub-sub store is needed.
        if (settings.Streams == StreamProvider.Memory)
        {
            return silo.AddMemoryStreams(ProviderNames.Streams, b => b.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        }

        var hub = settings.EventHubs;
        return silo.AddEventHubStreams(ProviderNames.Streams, b =>
        {
            b.ConfigureEventHub(ob => ob.Configure(o => o.ConfigureEventHubConnection(hub.ConnectionString!, hub.Hub!, hub.ConsumerGroup)));
            b.ConfigureCheckpointer<CheckpointerSettings>(
                (sp, name) => new GrainCheckpointer.Factory(sp.GetRequiredService<IGrainFactory>(), name, TimeSpan.FromSeconds(5)),
                _ => { });
            b.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    /// <summary>The checkpointer takes no options of its own; the provider's API wants a type.</summary>
    private sealed class CheckpointerSettings;
}
