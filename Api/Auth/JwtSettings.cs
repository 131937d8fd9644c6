namespace Ecommerce.Api.Auth;

/// <summary>The <c>Jwt</c> section. Every API process of one cluster must share the signing key.</summary>
public sealed class JwtSettings
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "ecommerce-orleans";
    public string Audience { get; set; } = "ecommerce-api";

    /// <summary>At least 32 bytes of secret text. When empty, each process makes its own (one-process development only).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
