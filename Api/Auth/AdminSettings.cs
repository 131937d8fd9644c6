namespace Ecommerce.Api.Auth;

/// <summary>The <c>Admin</c> section: the first admin account. There is no default password.</summary>
public sealed class AdminSettings
{
    public const string Section = "Admin";

    /// <summary>Outside Development; the same minimum as any account's.</summary>
    public const int MinPasswordLength = 8;

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string Name { get; set; } = "Administrator";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password);
}
