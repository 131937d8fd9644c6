using System.Threading.RateLimiting;

namespace Ecommerce.Api.Admission;

/// <summary>
/// The <c>RateLimiting</c> section: how much each client may ask of this API process. The defaults are meant for the
/// public; benchmarks and test hosts that drive the API from one address raise them (or set <c>Enabled</c> false).
/// </summary>
public sealed class AdmissionSettings
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Registration and login, per client address: each costs a deliberately slow password hash.</summary>
    public TokenBucketSettings Accounts { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    /// <summary>Search and suggestions, per client address.</summary>
    public TokenBucketSettings Browse { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 30, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Writes (POST, PUT, DELETE) per signed-in user; admins are not limited.</summary>
    public TokenBucketSettings Writes { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary><c>POST /api/orders</c> in this process: so many at once, the next ones wait in a queue of bounded length.</summary>
    public QueueSettings Orders { get; set; } = new() { PermitLimit = 64, QueueLimit = 256 };

    public IEnumerable<string> Problems()
    {
        foreach (var (name, bucket) in new[] { ("Accounts", Accounts), ("Browse", Browse), ("Writes", Writes) })
        {
            if (bucket.TokenLimit < 1 || bucket.TokensPerPeriod < 1 || bucket.ReplenishmentPeriod <= TimeSpan.Zero)
            {
                yield return $"{Section}:{name} needs TokenLimit and TokensPerPeriod of at least 1 and a positive ReplenishmentPeriod.";
            }
        }

        if (Orders.PermitLimit < 1 || Orders.QueueLimit < 0)
        {
            yield return $"{Section}:Orders needs a PermitLimit of at least 1 and a QueueLimit of at least 0.";
        }
    }
}

public sealed class TokenBucketSettings
{
    public int TokenLimit { get; set; }
    public int TokensPerPeriod { get; set; }
    public TimeSpan ReplenishmentPeriod { get; set; }

    /// <summary>No queue: a client over its rate is told at once when to come back.</summary>
    public TokenBucketRateLimiterOptions ToOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

public sealed class QueueSettings
{
    public int PermitLimit { get; set; }
    public int QueueLimit { get; set; }
}
