namespace Ecommerce.Cluster.Tests;

/// <summary>
/// Real silo processes sharing one fresh PostgreSQL database for membership, grain state and reminders, and a client
/// connected through the gateways listed there. Failure detection is tuned fast so that a killed silo is declared
/// dead within seconds.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly List<ShopProcess> _silos = [];
    private ClusterClient? _client;

    private PostgresCluster(string connectionString, string serviceId) => (ConnectionString, ServiceId) = (connectionString, serviceId);

    public string ConnectionString { get; }
    public string ServiceId { get; }
    public IReadOnlyList<ShopProcess> Silos => _silos;
    public IClusterClient Client => (_client ?? throw new InvalidOperationException("Not connected.")).Client;

    public static async Task<PostgresCluster> CreateAsync(string purpose) =>
        new(await TestPostgres.CreateDatabaseAsync(purpose), $"svc-{Guid.NewGuid():N}"[..16]);

    /// <summary>Settings every silo of this cluster gets on top of the defaults (e.g. a short reservation TTL).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Each started silo by its silo-to-silo port, which is how Orleans names where a grain lives.</summary>
    public Dictionary<int, ShopProcess> SilosByPort { get; } = [];

    public async Task<ShopProcess> StartSiloAsync()
    {
        var siloPort = Ports.Free();
        var environment = new Dictionary<string, string>
        {
            ["Cluster__ClusterId"] = ServiceId,
            ["Cluster__ServiceId"] = ServiceId,
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__Storage"] = "Postgres",
            ["Cluster__Reminders"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__TableRefreshTimeout"] = "00:00:01",
            ["Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        var silo = await ShopProcess.StartSiloAsync($"silo-{_silos.Count}", environment);
        _silos.Add(silo);
        SilosByPort[siloPort] = silo;
        return silo;
    }

    /// <summary>
    /// Two silos, connected, whose payments take <paramref name="paymentLatency"/> after the order reserved (the window
    /// in which a test kills a silo mid-saga) and whose stock grains nudge an order after
    /// <paramref name="acknowledgementTimeout"/>. Settings made before this call apply too.
    /// </summary>
    public async Task StartTwoSilosWithSlowPaymentsAsync(TimeSpan paymentLatency, TimeSpan acknowledgementTimeout)
    {
        Settings["Payments__Simulator__Latency"] = paymentLatency.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        Settings["Payments__AttemptTimeout"] = "00:00:10";
        Settings["Inventory__AcknowledgementTimeout"] = acknowledgementTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        Settings["Inventory__ExpirySweepInterval"] = "00:00:00.500";
        await StartSiloAsync();
        await StartSiloAsync();
        await ConnectAsync();
    }

    /// <summary>SIGKILLs the silo holding the most activations of these grains; answers how many of them it held.</summary>
    public async Task<int> KillSiloHoldingMostAsync(IEnumerable<IAddressable> grains)
    {
        var management = Client.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var hosts = new List<Orleans.Runtime.SiloAddress?>();
        foreach (var grain in grains)
        {
            hosts.Add(await management.GetActivationAddress(grain));
        }

        var busiest = hosts.OfType<Orleans.Runtime.SiloAddress>().GroupBy(h => h.Endpoint.Port).OrderByDescending(g => g.Count()).First();
        await SilosByPort[busiest.Key].KillAsync();
        return busiest.Count();
    }

    public async Task ConnectAsync()
    {
        await DisconnectAsync();
        _client = await ClusterClient.ConnectAsync(ConnectionString, ServiceId);
    }

    public async Task DisconnectAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
