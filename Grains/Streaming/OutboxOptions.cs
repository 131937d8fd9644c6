namespace Ecommerce.Grains.Streaming;

/// <summary>How order events are relayed from the outbox (<c>Orders:Outbox:*</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Orders:Outbox";

    /// <summary>
    /// How long a relayed event is kept for a replay, should a silo die: longer than membership takes to declare a
    /// silo dead plus a consumer's write interval (a second). Zero where the stream itself is durable (Event Hubs).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Unremoved rows older than this (since written or last claimed) are taken over by any silo.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a silo looks for such rows.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often relayed events past their retention are removed (one statement for all of them).</summary>
    public TimeSpan ForgetInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before publishing an event again after the stream refused it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Events published side by side.</summary>
    public int PublishBatch { get; set; } = 256;

    /// <summary>Rows taken over in one claim.</summary>
    public int ClaimBatch { get; set; } = 1000;

    public bool IsValid =>
        Retention >= TimeSpan.Zero && StaleAfter > Retention && SweepInterval > TimeSpan.Zero && ForgetInterval > TimeSpan.Zero
        && RetryDelay > TimeSpan.Zero && PublishBatch > 0 && ClaimBatch > 0;
}
