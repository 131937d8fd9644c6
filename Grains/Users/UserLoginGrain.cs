using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

/// <summary>
/// The claim on one e-mail address, and the account's failed logins (in memory only, see <see cref="FailedLogins"/>).
/// </summary>
public sealed class UserLoginGrain(
    [PersistentState("login", ProviderNames.Storage)] IPersistentState<UserLoginState> login,
    IOptions<LoginOptions> options,
    TimeProvider clock) : Grain, IUserLoginGrain
{
    private readonly FailedLogins _failures = new(options.Value.AccountFailures, options.Value);

    public async Task<RegisterResult> RegisterAsync(NewUser user)
    {
        if (login.RecordExists)
        {
            return new RegisterResult(Created: false, login.State.UserId);
        }

        // The account first, the claim second: a crash in between leaves an unreachable account, never an address
        // that is claimed by nobody and can't be registered again.
        await GrainFactory.Grain<IUserGrain>(user.Id).CreateAsync(user);
        login.State.UserId = user.Id;
        await login.WriteStateAsync();
        return new RegisterResult(Created: true, user.Id);
    }

    public Task<Guid?> GetUserIdAsync() => Task.FromResult(UserId);

    public Task<LoginGate> StartLoginAsync() =>
        Task.FromResult(_failures.LockedFor(clock.GetUtcNow()) is { } locked ? new LoginGate(null, locked) : new LoginGate(UserId, null));

    public Task<TimeSpan?> LoginFailedAsync() => Task.FromResult(_failures.Failed(clock.GetUtcNow()));

    public Task LoginSucceededAsync()
    {
        _failures.Succeeded();
        return Task.CompletedTask;
    }

    private Guid? UserId => login.RecordExists ? login.State.UserId : null;
}
