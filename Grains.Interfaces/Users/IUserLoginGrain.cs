namespace Ecommerce.Users;

/// <summary>
/// The one place an e-mail address is claimed, keyed by the normalized address. Its single-threaded turn is what
/// makes two concurrent registrations of one address end with exactly one account.
/// </summary>
[Alias("ecommerce.users.IUserLoginGrain")]
public interface IUserLoginGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<RegisterResult> RegisterAsync(NewUser user);

    [Alias("GetUserId")]
    Task<Guid?> GetUserIdAsync();

    /// <summary>
    /// The account a login names, or how long logins to it are locked after repeated failures. The failures are
    /// counted here, so every API process sees the same lockout.
    /// </summary>
    [Alias("StartLogin")]
    Task<LoginGate> StartLoginAsync();

    /// <summary>A wrong password for this address: counted; returns the lockout it started, if it did.</summary>
    [Alias("LoginFailed")]
    Task<TimeSpan?> LoginFailedAsync();

    /// <summary>A right password ends the account's run of failures.</summary>
    [Alias("LoginSucceeded")]
    Task LoginSucceededAsync();
}

/// <summary>
/// Failed logins from one client address (keyed by the address, an IPv6 client by its /64), whichever accounts they
/// name: what slows a guesser who tries one password on many accounts.
/// </summary>
[Alias("ecommerce.users.ILoginAddressGrain")]
public interface ILoginAddressGrain : IGrainWithStringKey
{
    [Alias("LockedFor"), ReadOnly]
    Task<TimeSpan?> LockedForAsync();

    [Alias("LoginFailed")]
    Task<TimeSpan?> LoginFailedAsync();
}
