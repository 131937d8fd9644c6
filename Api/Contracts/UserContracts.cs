namespace Ecommerce.Api.Contracts;

public sealed record RegisterUserRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(128, MinimumLength = 8)] string Password,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name);

public sealed record TokenRequest(
    [property: Required, StringLength(254)] string Email,
    [property: Required, StringLength(128)] string Password);

public sealed record UserResponse(Guid Id, string Email, string Name);

public sealed record MeResponse(Guid Id, string Email, string Name, IReadOnlyList<string> Roles);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
