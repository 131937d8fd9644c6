using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user", ProviderNames.Storage)] IPersistentState<UserState> user,
    TimeProvider clock) : Grain, IUserGrain
{
    public async Task<bool> CreateAsync(NewUser newUser)
    {
        if (Exists)
        {
            return false;
        }

        // Orders may have been listed under this id already; they stay.
        user.State = new UserState
        {
            OrderIds = user.State.OrderIds,
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
        Task.FromResult(Exists ? user.State.ToProfile(this.GetPrimaryKey()) : null);

    public Task<UserCredentials?> GetCredentialsAsync() =>
        Task.FromResult(Exists
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
        if (!user.State.OrderIds.Contains(orderId))
        {
            user.State.OrderIds.Add(orderId);
            await user.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> GetOrderIdsAsync()
    {
        IReadOnlyList<Guid> newestFirst = [.. Enumerable.Reverse(user.State.OrderIds)];
        return Task.FromResult(newestFirst);
    }

    /// <summary>An account exists once registered; an order list alone (kept by id) does not make one.</summary>
    private bool Exists => user.State.Email.Length > 0;

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"User {this.GetPrimaryKey()} does not exist.");
        }
    }
}
