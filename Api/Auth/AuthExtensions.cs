using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Api.Auth;

public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    public static WebApplicationBuilder AddShopAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new();
        if (settings.SigningKey is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 characters.");
        }

        var admin = builder.Configuration.GetSection(AdminSettings.Section).Get<AdminSettings>() ?? new();
        SafeSettings.Enforce(builder, "API", UnsafeSettings(settings, admin));

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SigningKey>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<IPasswordHasher<ShopUser>, PasswordHasher<ShopUser>>();
        builder.Services.AddHostedService<AdminSeeder>();
        builder.Services.AddOptions<AdminSettings>().Bind(builder.Configuration.GetSection(AdminSettings.Section));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey>((o, key) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = key.Key,
                    NameClaimType = ShopClaims.UserId,
                    RoleClaimType = ShopClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Ecommerce.Users.Roles.Admin));
        return builder;
    }

    private static IEnumerable<string> UnsafeSettings(JwtSettings jwt, AdminSettings admin)
    {
        if (string.IsNullOrEmpty(jwt.SigningKey))
        {
            yield return "Jwt__SigningKey is not set: set it to a random secret of 32 characters or more, the same for every API process.";
        }
        else if (SafeSettings.IsPlaceholder(jwt.SigningKey))
        {
            yield return "Jwt__SigningKey is the template's placeholder: set it to a random secret of 32 characters or more.";
        }

        if (admin.Password is { } password && (SafeSettings.IsPlaceholder(password) || password.Length < AdminSettings.MinPasswordLength))
        {
            yield return $"Admin__Password is a placeholder or shorter than {AdminSettings.MinPasswordLength} characters: set a real password.";
        }
    }
}
