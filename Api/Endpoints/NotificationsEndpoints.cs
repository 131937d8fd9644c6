using Ecommerce.Api.Auth;
using Ecommerce.Notifications;

namespace Ecommerce.Api.Endpoints;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", Inbox).WithTags("Notifications").RequireAuthorization();
        return app;
    }

    /// <summary>The caller's own inbox, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<Notification>>> Inbox(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.Grain<INotificationGrain>(http.User.UserIdOf()).GetAsync());
}
