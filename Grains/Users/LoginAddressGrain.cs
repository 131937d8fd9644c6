using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

/// <summary>Failed logins from one client address; in memory only (see <see cref="FailedLogins"/>).</summary>
public sealed class LoginAddressGrain(IOptions<LoginOptions> options, TimeProvider clock) : Grain, ILoginAddressGrain
{
    private readonly FailedLogins _failures = new(options.Value.AddressFailures, options.Value);

    public Task<TimeSpan?> LockedForAsync() => Task.FromResult(_failures.LockedFor(clock.GetUtcNow()));

    public Task<TimeSpan?> LoginFailedAsync() => Task.FromResult(_failures.Failed(clock.GetUtcNow()));
}
