namespace Ecommerce.Api.Contracts;

public sealed record RegisterUserRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(128, MinimumLength = 8)] string Password,
    [property: Required, StringLength(100, MinimumLength = 1)] string Name)
{
    /// <summary>Records end up in log lines and exception messages: the password never does.</summary>
    public override string ToString() => $"{nameof(RegisterUserRequest)} {{ Email = {Email}, Name = {Name}, Password = *** }}";
}

public sealed record TokenRequest(
    [property: Required, StringLength(254)] string Email,
    [property: Required, StringLength(128)] string Password)
{
    public override string ToString() => $"{nameof(TokenRequest)} {{ Email = {Email}, Password = *** }}";
}

public sealed record UserResponse(Guid Id, string Email, string Name);

public sealed record MeResponse(Guid Id, string Email, string Name, IReadOnlyList<string> Roles);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn)
{
    public override string ToString() => $"{nameof(TokenResponse)} {{ AccessToken = ***, TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
