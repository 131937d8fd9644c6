using Ecommerce.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ecommerce.Api.Auth;

/// <summary>
/// Makes sure the configured admin account exists and holds the admin role. An existing account keeps its password:
/// configuration seeds the first admin, it does not reset passwords. An account registered under the admin address
/// is promoted only when its password is the configured one: whoever registers that address first does not become
/// an admin by it.
/// </summary>
public sealed partial class AdminSeeder(
    IClusterClient cluster,
    IPasswordHasher<ShopUser> hasher,
    IOptions<AdminSettings> options,
    ILogger<AdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (!admin.IsConfigured)
        {
            LogNoAdmin();
            return;
        }

        var email = admin.Email!.Trim();
        var login = cluster.Grain<IUserLoginGrain>(EmailAddress.Normalize(email));
        var result = await login.RegisterAsync(new NewUser(
            Guid.NewGuid(), email, admin.Name, hasher.HashPassword(new ShopUser(), admin.Password!), [Roles.Admin, Roles.Customer]));
        if (!result.Created)
        {
            var user = cluster.Grain<IUserGrain>(result.UserId);
            var credentials = await user.GetCredentialsAsync();
            if (credentials is null
                || hasher.VerifyHashedPassword(new ShopUser(), credentials.PasswordHash, admin.Password!) == PasswordVerificationResult.Failed)
            {
                LogNotPromoted(email);
                return;
            }

            if (!credentials.Roles.Contains(Roles.Admin))
            {
                await user.GrantRoleAsync(Roles.Admin);
            }
        }

        LogAdminReady(email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "No admin account configured (Admin__Email, Admin__Password): admin routes are closed")]
    private partial void LogNoAdmin();

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "The account registered as {Email} does not have the configured Admin__Password: it is not made an admin")]
    private partial void LogNotPromoted(string email);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Admin account {Email} is ready")]
    private partial void LogAdminReady(string email);
}
