using System.Security.Claims;

namespace Ecommerce.Api.Auth;

/// <summary>The JWT claim names the API issues and reads, kept short and unmapped.</summary>
public static class ShopClaims
{
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The caller's user id; only called on routes that require authentication.</summary>
    public static Guid UserIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id)
            ? id
            : throw new InvalidOperationException("An authenticated principal without a user id.");
}
