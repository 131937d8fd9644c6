namespace Ecommerce.Grains.Payments;

/// <summary>The <c>Payments</c> section: how calls to the processor are guarded.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of a transient fault or a timeout, with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The circuit opens when at least this share of attempts failed in the sampling window...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and at least this many attempts were made in it.</summary>
    public int BreakerMinimumThroughput { get; set; } = 8;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open before one trial call may close it again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    public SimulatorOptions Simulator { get; set; } = new();
}

/// <summary>
/// <c>Payments:Simulator</c>: the simulated processor's behaviour. Besides these settings, the tokens of API.md:
/// <c>tok_decline</c> is declined, <c>tok_invalid</c> is declined as invalid card details, <c>tok_fail</c> fails as a
/// transient fault of its issuer every time (retried, never counted by the breaker), and <c>tok_slow</c> answers only
/// after ten seconds (a processor that hangs: a timeout, counted).
/// </summary>
public sealed class SimulatorOptions
{
    public const string EnabledKey = PaymentOptions.Section + ":Simulator:Enabled";

    /// <summary>
    /// The simulator approves any card: outside Development a silo runs with it only when this is true (a test or
    /// demonstration deployment), or with a real <see cref="IPaymentGateway"/> registered in its place.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How long each call takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>The share of charges declined at random (0..1), as an issuer would.</summary>
    public double DeclineRate { get; set; }

    /// <summary>Periods (UTC) during which every call fails as a transient fault.</summary>
    public List<OutageWindow> Outages { get; set; } = [];
}

public sealed class OutageWindow
{
    public DateTimeOffset Start { get; set; }
    public TimeSpan Duration { get; set; }

    public bool Covers(DateTimeOffset time) => time >= Start && time < Start + Duration;
}
