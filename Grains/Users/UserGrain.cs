using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user", ProviderNames.Storage)] IPersistentState<UserState> user,
    TimeProvider clock) : Grain, IUserGrain
{
    public async Task<bool> CreateAsync(NewUser newUser)
    {
        if (user.RecordExists)
        {
            return false;
        }

        user.State = new UserState
        {
            Email = newUser.Email,
            Name = newUser.Name,
            PasswordHash = newUser.PasswordHash,
            Roles = [.. newUser.Roles.Distinct()],
            CreatedAt = clock.GetUtcNow(),
        };
        await user.WriteStateAsync();
        return true;
    }

    public Task<UserProfile?> GetProfileAsync() =>
        Task.FromResult(user.RecordExists ? user.State.ToProfile(this.GetPrimaryKey()) : null);

    public Task<UserCredentials?> GetCredentialsAsync() =>
        Task.FromResult(user.RecordExists
            ? new UserCredentials(this.GetPrimaryKey(), user.State.PasswordHash, user.State.Roles.ToArray())
            : null);

    public async Task ChangePasswordHashAsync(string passwordHash)
    {
        EnsureExists();
        user.State.PasswordHash = passwordHash;
        await user.WriteStateAsync();
    }

    public async Task GrantRoleAsync(string role)
    {
        EnsureExists();
        if (!user.State.Roles.Contains(role))
        {
            user.State.Roles.Add(role);
            await user.WriteStateAsync();
        }
    }

    public async Task AddOrderAsync(Guid orderId)
    {
        EnsureExists();
        if (!user.State.OrderIds.Contains(orderId))
        {
            user.State.OrderIds.Add(orderId);
            await user.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> GetOrderIdsAsync()
    {
        IReadOnlyList<Guid> newestFirst = user.RecordExists ? [.. Enumerable.Reverse(user.State.OrderIds)] : [];
        return Task.FromResult(newestFirst);
    }

    private void EnsureExists()
    {
        if (!user.RecordExists)
        {
            throw new InvalidOperationException($"User {this.GetPrimaryKey()} does not exist.");
        }
    }
}
