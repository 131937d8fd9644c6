using Ecommerce.Api.Admission;
using Ecommerce.Api.Auth;
using Ecommerce.Users;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Api.Endpoints;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapPost("", Register).AllowAnonymous().RequireRateLimiting(AdmissionPolicies.Accounts);
        users.MapGet("/me", Me).RequireAuthorization();

        app.MapPost("/api/auth/token", IssueToken).WithTags("Users").AllowAnonymous().RequireRateLimiting(AdmissionPolicies.Accounts);
        return app;
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Register(
        RegisterUserRequest request, IClusterClient cluster, IPasswordHasher<ShopUser> hasher)
    {
        var email = request.Email.Trim();
        var user = new NewUser(Guid.NewGuid(), email, request.Name.Trim(), hasher.HashPassword(new ShopUser(), request.Password), [Roles.Customer]);
        var result = await cluster.Grain<IUserLoginGrain>(EmailAddress.Normalize(email)).RegisterAsync(user);
        if (!result.Created)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.EmailTaken, "E-mail already registered",
                "An account with this e-mail address exists already.");
        }

        return TypedResults.Created("/api/users/me", new UserResponse(user.Id, user.Email, user.Name));
    }

    /// <summary>
    /// Repeated failures lock the account and the client's address for a while (429 with Retry-After), in grains, so
    /// every API process sees the same lockout; while locked, not even the right password gets a token.
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, IClusterClient cluster, IPasswordHasher<ShopUser> hasher, TokenIssuer tokens)
    {
        var account = cluster.Grain<IUserLoginGrain>(EmailAddress.Normalize(request.Email));
        var address = cluster.Grain<ILoginAddressGrain>(ClientAddress.Of(http));
        var (gate, addressLocked) = (await account.StartLoginAsync(), await address.LockedForAsync());
        if ((gate.LockedFor ?? addressLocked) is { } wait)
        {
            return LockedOut(http, wait);
        }

        var user = gate.UserId is { } id ? cluster.Grain<IUserGrain>(id) : null;
        var credentials = user is null ? null : await user.GetCredentialsAsync();

        // An unknown address costs a hash check too, so response times don't tell which addresses have accounts.
        var verdict = hasher.VerifyHashedPassword(new ShopUser(), credentials?.PasswordHash ?? UnknownUserHash.Value, request.Password);
        if (credentials is null || user is null || verdict == PasswordVerificationResult.Failed)
        {
            var locked = await Task.WhenAll(account.LoginFailedAsync(), address.LoginFailedAsync());
            return (locked[0] ?? locked[1]) is { } lockout
                ? LockedOut(http, lockout)
                : Problem.Of(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "Invalid credentials",
                    "The e-mail address or the password is wrong.");
        }

        await account.LoginSucceededAsync();
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await user.ChangePasswordHashAsync(hasher.HashPassword(new ShopUser(), request.Password));
        }

        var profile = await user.GetProfileAsync();
        return TypedResults.Ok(tokens.Issue(profile!));
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(HttpContext http, IClusterClient cluster)
    {
        var profile = await cluster.Grain<IUserGrain>(http.User.UserIdOf()).GetProfileAsync();
        return profile is null
            ? Problem.NotFound("This account no longer exists.")
            : TypedResults.Ok(new MeResponse(profile.Id, profile.Email, profile.Name, profile.Roles));
    }

    private static ProblemHttpResult LockedOut(HttpContext http, TimeSpan wait) =>
        TooManyRequests.Result(http, wait, "Too many failed logins for this account or from this address; try again after the time in Retry-After.");

    private static class UnknownUserHash
    {
        public static readonly string Value = new PasswordHasher<ShopUser>().HashPassword(new ShopUser(), Guid.NewGuid().ToString());
    }
}
