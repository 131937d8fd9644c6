using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

public sealed class UserLoginGrain(
    [PersistentState("login", ProviderNames.Storage)] IPersistentState<UserLoginState> login) : Grain, IUserLoginGrain
{
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

    public Task<Guid?> GetUserIdAsync() => Task.FromResult(login.RecordExists ? login.State.UserId : (Guid?)null);
}
