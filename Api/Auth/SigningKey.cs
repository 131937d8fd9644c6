using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Api.Auth;

/// <summary>The key tokens are signed and checked with, made once per process.</summary>
public sealed partial class SigningKey
{
    public SigningKey(JwtSettings settings, ILogger<SigningKey> logger)
    {
        byte[] secret;
        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            secret = RandomNumberGenerator.GetBytes(32);
            LogEphemeralKey(logger);
        }
        else
        {
            secret = Encoding.UTF8.GetBytes(settings.SigningKey);
        }

        Key = new SymmetricSecurityKey(secret);
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }
    public SigningCredentials Credentials { get; }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Jwt:SigningKey is not set: tokens are signed with a key of this process only")]
    private static partial void LogEphemeralKey(ILogger logger);
}
