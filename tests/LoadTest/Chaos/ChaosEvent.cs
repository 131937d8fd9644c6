namespace Ecommerce.LoadTest.Chaos;

public enum ChaosEventKind
{
    /// <summary>A silo process was sent SIGKILL.</summary>
    SiloKilled,

    /// <summary>A kill was due, but no live silo process was found (or the kill itself failed).</summary>
    KillSkipped,

    /// <summary>The PostgreSQL restart command began.</summary>
    PostgresRestarting,

    /// <summary>The PostgreSQL restart command ended (successfully or not: see the detail).</summary>
    PostgresRestarted,
}

/// <summary>Something the drill did to the cluster, at a time since the race started.</summary>
public sealed record ChaosEvent(double AtSeconds, ChaosEventKind Kind, string Detail)
{
    /// <summary>An event that disrupts the shop, from which recovery is measured.</summary>
    public bool IsDisruption => Kind is ChaosEventKind.SiloKilled or ChaosEventKind.PostgresRestarting;
}
