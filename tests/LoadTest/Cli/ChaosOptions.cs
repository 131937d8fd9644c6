namespace Ecommerce.LoadTest.Cli;

/// <summary>
/// The <c>chaos</c> command's settings: a flash sale whose clients retry like real ones, while silos are killed and
/// PostgreSQL is restarted; defaults as documented in <c>--help</c>.
/// </summary>
public sealed record ChaosOptions
{
    /// <summary>
    /// The chaos drill's defaults for its sale: units enough to outlast the drill at this machine's rates (kills should
    /// meet a steady load, not a sold-out shop), no limit per customer, buyers enough that inboxes stay below what the
    /// shop keeps.
    /// </summary>
    public static FlashSaleOptions SaleDefaults { get; } = new()
    {
        Api = new Uri("http://localhost/"),
        AdminEmail = "",
        AdminPassword = "",
        Units = 1_000_000,
        MaxPerCustomer = 0,
        Buyers = 200,
        Concurrency = 32,
        Duration = TimeSpan.FromSeconds(120),
        ReportDirectory = "chaos-report",
    };

    /// <summary>The sale the drill runs (set up and raced as <c>flash-sale</c> does, its buyers retrying).</summary>
    public required FlashSaleOptions Sale { get; init; }

    public Uri Api => Sale.Api;
    public TimeSpan Duration => Sale.Duration;

    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A directory of <c>silo-*.pid</c> files, as run.sh keeps them (re-read before each kill).</summary>
    public string? SiloPidDirectory { get; init; }

    /// <summary>A shell command printing the pids of the silo processes, one a line (run before each kill).</summary>
    public string? SiloCommand { get; init; }

    /// <summary>A shell command that restarts PostgreSQL; run once, at <see cref="RestartPostgresAt"/>.</summary>
    public string? RestartPostgres { get; init; }

    /// <summary>When to restart PostgreSQL; by default halfway between the two kills nearest the middle of the drill.</summary>
    public TimeSpan? RestartPostgresAt { get; init; }

    /// <summary>The shop's <c>Inventory__ReservationTtl</c>: reserved units must be back on sale this long after the last order.</summary>
    public TimeSpan ReservationTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the audit waits for the event consumers (asynchronous by design) to show every confirmed order.</summary>
    public TimeSpan ConsumerSettle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one client keeps retrying one purchase before giving it up.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The kill times, since the race started: every <see cref="KillEvery"/> until the end of the drill.</summary>
    public IReadOnlyList<TimeSpan> KillTimes()
    {
        var times = new List<TimeSpan>();
        for (var at = KillEvery; at < Duration; at += KillEvery)
        {
            times.Add(at);
        }

        return times;
    }

    /// <summary>
    /// When PostgreSQL restarts: as asked, or halfway between the two kills around the middle of the drill, so that its
    /// effect can be told apart from theirs.
    /// </summary>
    public TimeSpan PostgresRestartTime()
    {
        if (RestartPostgresAt is { } at)
        {
            return at;
        }

        var kills = KillTimes();
        var middle = Duration / 2;
        var before = kills.LastOrDefault(k => k <= middle);
        return before + (KillEvery / 2);
    }
}
