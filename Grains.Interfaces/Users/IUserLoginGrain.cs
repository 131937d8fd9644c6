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
}
