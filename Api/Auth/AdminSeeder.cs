using Ecommerce.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ecommerce.Api.Auth;

/// <summary>
/// Makes sure the configured admin account exists and holds the admin role. An existing account keeps its password:
/// configuration seeds the first admin, it does not reset passwords.
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
            await cluster.Grain<IUserGrain>(result.UserId).GrantRoleAsync(Roles.Admin);
        }

        LogAdminReady(email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "No admin account configured (Admin__Email, Admin__Password): admin routes are closed")]
    private partial void LogNoAdmin();

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Admin account {Email} is ready")]
    private partial void LogAdminReady(string email);
}
