namespace Ecommerce.Users;

/// <summary>One shopper or operator account, keyed by a user id that never changes.</summary>
[Alias("ecommerce.users.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<bool> CreateAsync(NewUser newUser);

    [Alias("GetProfile")]
    Task<UserProfile?> GetProfileAsync();

    [Alias("GetCredentials")]
    Task<UserCredentials?> GetCredentialsAsync();

    [Alias("ChangePasswordHash")]
    Task ChangePasswordHashAsync(string passwordHash);

    [Alias("GrantRole")]
    Task GrantRoleAsync(string role);

    [Alias("AddOrder")]
    Task AddOrderAsync(Guid orderId);

    /// <summary>The user's orders, newest first.</summary>
    [Alias("GetOrderIds")]
    Task<IReadOnlyList<Guid>> GetOrderIdsAsync();
}
