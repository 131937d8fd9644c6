namespace Ecommerce.Hosting;

/// <summary>
/// The <c>Cluster</c> configuration section (not <c>Orleans</c>: Orleans reads that one itself), read by silos and by the API's client alike: both must agree on the
/// cluster's identity, how members find each other and which stream provider carries events.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "ecommerce";
    public string ServiceId { get; set; } = "ecommerce";

    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;
    public StateProvider Storage { get; set; } = StateProvider.Memory;
    public StateProvider Reminders { get; set; } = StateProvider.Memory;
    public StreamProvider Streams { get; set; } = StreamProvider.Memory;

    /// <summary>Silo-to-silo port of this silo.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port of this silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost clustering: the silo port of the silo that the others join.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>Localhost clustering: the gateway ports a client may connect to.</summary>
    public List<int> GatewayPorts { get; set; } = [];

    /// <summary>The address other silos and clients reach this silo at; loopback when empty.</summary>
    public string? AdvertisedIPAddress { get; set; }

    public EventHubSettings EventHubs { get; set; } = new();

    public bool UsesPostgres =>
        Clustering == ClusteringProvider.AdoNet || Storage != StateProvider.Memory || Reminders != StateProvider.Memory;

    /// <summary>Says what is wrong with the settings, or nothing.</summary>
    public IEnumerable<string> Problems(string? postgresConnectionString)
    {
        if (UsesPostgres && string.IsNullOrWhiteSpace(postgresConnectionString))
        {
            yield return "An AdoNet provider is configured but ConnectionStrings:Postgres is empty.";
        }

        if (Reminders == StateProvider.Postgres)
        {
            yield return "Cluster:Reminders takes Memory or AdoNet (Postgres is a grain storage provider).";
        }

        if (Streams == StreamProvider.EventHubs && !EventHubs.IsComplete)
        {
            yield return "Streams is EventHubs but Cluster:EventHubs needs ConnectionString, Hub and ConsumerGroup.";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return "Cluster:ClusterId and Cluster:ServiceId must not be empty.";
        }
    }
}

public enum ClusteringProvider
{
    Localhost,
    AdoNet,
}

public enum StateProvider
{
    Memory,

    /// <summary>Orleans' own ADO.NET provider on PostgreSQL: one transaction per grain write.</summary>
    AdoNet,

    /// <summary>The shop's group-commit provider on PostgreSQL (same table): a silo's writes share transactions.</summary>
    Postgres,
}

public enum StreamProvider
{
    Memory,
    EventHubs,
}

public sealed class EventHubSettings
{
    public string? ConnectionString { get; set; }
    public string? Hub { get; set; }
    public string ConsumerGroup { get; set; } = "$Default";

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(Hub) && !string.IsNullOrWhiteSpace(ConsumerGroup);
}
