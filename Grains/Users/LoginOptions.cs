namespace Ecommerce.Grains.Users;

/// <summary>The <c>Logins</c> section: how failed logins back off, per account and per client address.</summary>
public sealed class LoginOptions
{
    public const string Section = "Logins";

    /// <summary>Failures within <see cref="Window"/> that lock an account.</summary>
    public int AccountFailures { get; set; } = 5;

    /// <summary>Failures within <see cref="Window"/> that lock a client address, whatever accounts they named.</summary>
    public int AddressFailures { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first lockout; each further one doubles, up to <see cref="MaxLockout"/>.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);
}
