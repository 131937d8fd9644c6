using Ecommerce.Grains.Orders;
using Ecommerce.Orders;
using Ecommerce.Users;

namespace Ecommerce.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user", ProviderNames.Storage)] IPersistentState<UserState> user,
    IOrderStore orders,
    TimeProvider clock) : Grain, IUserGrain
{
    public async Task<bool> CreateAsync(NewUser newUser)
    {
        if (Exists)
        {
            return false;
        }

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

    public async Task<OrderPage> ListOrdersAsync(int limit, OrderCursor? after)
    {
        if (user.State.OrderIds.Count > 0)
        {
            await MoveOrdersToListAsync();
        }

        return await orders.ListAsync(this.GetPrimaryKey(), limit, after);
    }

    /// <summary>
    /// Earlier versions kept a user's order ids in the user's own state, which grew with every order: they move to the
    /// order list (the store's, written with each order) once, and leave this state.
    /// </summary>
    private async Task MoveOrdersToListAsync()
    {
        var views = await Task.WhenAll(user.State.OrderIds.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).GetAsync()));
        await orders.ListExistingAsync(this.GetPrimaryKey(), [.. views.OfType<OrderView>().Select(v => new OrderCursor(v.CreatedAt, v.Id))]);
        user.State.OrderIds.Clear();
        await user.WriteStateAsync();
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
