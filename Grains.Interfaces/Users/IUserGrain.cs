using Ecommerce.Orders;

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

    /// <summary>
    /// A page of the user's orders, newest first, starting after <paramref name="after"/>. Every order that was
    /// placed is listed: the list is written with the order itself, in the same transaction.
    /// </summary>
    [Alias("ListOrders")]
    Task<OrderPage> ListOrdersAsync(int limit, OrderCursor? after);
}
