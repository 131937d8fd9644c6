using Ecommerce.Api.Auth;
using Ecommerce.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Ecommerce.Api.Tests;

/// <summary>Someone registered the admin's address before the shop's first start, with a password of their own.</summary>
public sealed class SquattedAdminFixture : ShopHost
{
    public const string SquatterPassword = "squatter-password-1";

    public HttpClient Anonymous() => Api.CreateClient();

    protected override async Task BeforeApiStartsAsync()
    {
        var hash = new PasswordHasher<ShopUser>().HashPassword(new ShopUser(), SquatterPassword);
        var grains = SiloServices.GetRequiredService<IGrainFactory>();
        var result = await grains.GetGrain<IUserLoginGrain>(EmailAddress.Normalize(AdminEmail))
            .RegisterAsync(new NewUser(Guid.NewGuid(), AdminEmail, "Squatter", hash, [Roles.Customer]));
        Assert.True(result.Created);
    }
}

public sealed class AdminPromotionTests(SquattedAdminFixture fixture) : IClassFixture<SquattedAdminFixture>
{
    [Fact]
    public async Task An_account_that_claimed_the_admin_address_with_another_password_is_not_made_admin()
    {
        var squatter = await Shop.LoginAsync(fixture.Anonymous(), ShopHost.AdminEmail, SquattedAdminFixture.SquatterPassword);

        var me = (await squatter.GetFromJsonAsync<JsonObject>("/api/users/me"))!;
        var adminRoute = await squatter.PutAsJsonAsync("/api/products/SQUAT-1/stock", new { onHand = 1 });
        var configured = await fixture.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = ShopHost.AdminEmail, password = ShopHost.AdminPassword });

        Assert.Equal(["customer"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        await Shop.ProblemAsync(adminRoute, HttpStatusCode.Forbidden, "forbidden");
        await Shop.ProblemAsync(configured, HttpStatusCode.Unauthorized, "invalid-credentials");
    }
}
