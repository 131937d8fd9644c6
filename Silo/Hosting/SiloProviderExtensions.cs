using Ecommerce.Grains.Orders;
using Ecommerce.Grains.Streaming;
using Ecommerce.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
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
        if (settings.Storage == StateProvider.Postgres)
        {
            silo.AddGroupCommitStorage(connectionString!);
            silo.Services.AddGrainStorage(ProviderNames.Storage, (sp, name) => new GroupCommitGrainStorage(
                name, sp.GetRequiredService<GroupCommitStorage>(), sp.GetRequiredService<IGrainStorageSerializer>(), sp.GetRequiredService<IActivatorProvider>()));
        }
        else if (settings.Storage == StateProvider.AdoNet)
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

        silo.AddOrderStore(settings, connectionString);
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

    /// <summary>
    /// Where orders, their outbox and the buyers' lists are kept. On PostgreSQL that is always the group-commit store,
    /// also beside Orleans' own provider (Storage=AdoNet): only it writes an order and its events in one transaction.
    /// </summary>
    private static ISiloBuilder AddOrderStore(this ISiloBuilder silo, ClusterSettings settings, string? connectionString)
    {
        silo.Services.AddOptions<OutboxOptions>()
            .Configure(o => o.Retention = settings.Streams == StreamProvider.EventHubs ? TimeSpan.Zero : o.Retention) // a hub keeps what it took
            .BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.IsValid, $"{OutboxOptions.Section}: times must be positive (Retention may be zero) and StaleAfter longer than Retention.")
            .ValidateOnStart();
        silo.Services.AddSingleton<OrderEventRelay>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OrderEventRelay>());
        if (settings.Storage == StateProvider.Memory)
        {
            silo.Services.AddSingleton<IOrderStore, MemoryOrderStore>();
            silo.Services.AddSingleton<IOrderOutbox, MemoryOrderOutbox>();
            return silo;
        }

        if (settings.Storage == StateProvider.AdoNet)
        {
            silo.AddGroupCommitStorage(connectionString!);
        }

        silo.Services.AddSingleton<IOrderStore, PostgresOrderStore>();
        silo.Services.AddSingleton<IOrderOutbox, PostgresOrderOutbox>();
        return silo;
    }

    /// <summary>The silo's group-commit lanes to PostgreSQL, shared by grain storage and the order store.</summary>
    private static ISiloBuilder AddGroupCommitStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section)
            .Validate(o => !o.Problems().Any(), string.Join(" ", new GroupCommitOptions { MaxRows = 0 }.Problems())).ValidateOnStart();
        silo.Services.AddSingleton(sp => new GroupCommitStorage(connectionString,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, sp.GetRequiredService<IOptions<GroupCommitOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<GroupCommitStorage>());
        return silo;
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
