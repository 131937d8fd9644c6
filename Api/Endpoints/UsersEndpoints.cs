using Ecommerce.Api.Auth;
using Ecommerce.Users;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Api.Endpoints;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapPost("", Register).AllowAnonymous();
        users.MapGet("/me", Me).RequireAuthorization();

        app.MapPost("/api/auth/token", IssueToken).WithTags("Users").AllowAnonymous();
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

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, IClusterClient cluster, IPasswordHasher<ShopUser> hasher, TokenIssuer tokens)
    {
        var userId = await cluster.Grain<IUserLoginGrain>(EmailAddress.Normalize(request.Email)).GetUserIdAsync();
        var user = userId is { } id ? cluster.Grain<IUserGrain>(id) : null;
        var credentials = user is null ? null : await user.GetCredentialsAsync();

        // An unknown address costs a hash check too, so response times don't tell which addresses have accounts.
        var verdict = hasher.VerifyHashedPassword(new ShopUser(), credentials?.PasswordHash ?? UnknownUserHash.Value, request.Password);
        if (credentials is null || user is null || verdict == PasswordVerificationResult.Failed)
        {
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "Invalid credentials",
                "The e-mail address or the password is wrong.");
        }

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

    private static class UnknownUserHash
    {
        public static readonly string Value = new PasswordHasher<ShopUser>().HashPassword(new ShopUser(), Guid.NewGuid().ToString());
    }
}
