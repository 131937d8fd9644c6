namespace Ecommerce.Users;

public static class Roles
{
    public const string Admin = "admin";
    public const string Customer = "customer";
}

[GenerateSerializer, Immutable, Alias("ecommerce.users.NewUser")]
public sealed record NewUser(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] IReadOnlyList<string> Roles)
{
    /// <summary>Records end up in log lines and exception messages: the password hash never does.</summary>
    public override string ToString() => $"{nameof(NewUser)} {{ Id = {Id}, Email = {Email}, Name = {Name}, PasswordHash = *** }}";
}

[GenerateSerializer, Immutable, Alias("ecommerce.users.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Roles);

[GenerateSerializer, Immutable, Alias("ecommerce.users.UserCredentials")]
public sealed record UserCredentials(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] IReadOnlyList<string> Roles)
{
    /// <summary>Records end up in log lines and exception messages: the password hash never does.</summary>
    public override string ToString() => $"{nameof(UserCredentials)} {{ Id = {Id}, PasswordHash = *** }}";
}

[GenerateSerializer, Immutable, Alias("ecommerce.users.RegisterResult")]
public sealed record RegisterResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] Guid UserId);

/// <summary>Whom a login names, or how long logins to that account must wait.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.users.LoginGate")]
public sealed record LoginGate(
    [property: Id(0)] Guid? UserId,
    [property: Id(1)] TimeSpan? LockedFor);

public static class EmailAddress
{
    /// <summary>
    /// The key under which an address is claimed and compared: trimmed, Unicode NFKC (so a full-width or ligature
    /// spelling is the same address as its plain one) and case-insensitive.
    /// </summary>
    public static string Normalize(string email) =>
        email.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
}
