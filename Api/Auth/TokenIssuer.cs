using System.Security.Claims;
using Ecommerce.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Api.Auth;

public sealed class TokenIssuer(JwtSettings settings, SigningKey key, TimeProvider clock)
{
    public TokenResponse Issue(UserProfile user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(ShopClaims.UserId, user.Id.ToString()),
            new(ShopClaims.Email, user.Email),
            new(ShopClaims.Name, user.Name),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ShopClaims.Role, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.TokenLifetime,
            SigningCredentials = key.Credentials,
        });
        return new TokenResponse(token, "Bearer", (int)settings.TokenLifetime.TotalSeconds);
    }
}
