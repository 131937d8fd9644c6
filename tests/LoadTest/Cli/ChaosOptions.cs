namespace Ecommerce.LoadTest.Cli;

/// <summary>
/// The <c>chaos</c> command's settings: a flash sale whose clients retry like real ones, while silos are killed and
/// PostgreSQL is restarted; defaults as documented in <c>--help</c>.
/// </summary>
public sealed record ChaosOptions
{
    public required Uri Api { get; init; }
    public required string AdminEmail { get; init; }
    public required string AdminPassword { get; init; }

    /// <summary>Enough that the sale lasts the whole drill at this machine's rates, so kills meet a steady load.</summary>
    public int Units { get; init; } = 1_000_000;

    /// <summary>0 means no limit per customer.</summary>
    public int MaxPerCustomer { get; init; }

    public int Buyers { get; init; } = 200;
    public int Concurrency { get; init; } = 32;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);
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

    public int Quantity { get; init; } = 1;
    public string PaymentToken { get; init; } = "tok_visa";
    public string ReportDirectory { get; init; } = "chaos-report";
    public int? Seed { get; init; }

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
