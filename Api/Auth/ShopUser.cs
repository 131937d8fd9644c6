using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Api.Auth;

/// <summary>The type ASP.NET Core's <see cref="PasswordHasher{TUser}"/> is parameterized by; the hash does not depend on it.</summary>
public sealed class ShopUser;
