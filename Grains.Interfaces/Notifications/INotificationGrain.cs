namespace Ecommerce.Notifications;

/// <summary>A user's inbox, keyed by the user id; fed by the user's order events.</summary>
[Alias("ecommerce.notifications.INotificationGrain")]
public interface INotificationGrain : IGrainWithGuidKey
{
    /// <summary>Newest first.</summary>
    [Alias("Get"), ReadOnly]
    Task<IReadOnlyList<Notification>> GetAsync();
}

[GenerateSerializer, Alias("ecommerce.notifications.NotificationKind")]
public enum NotificationKind
{
    OrderConfirmed = 0,
    OrderCancelled = 1,
}

[GenerateSerializer, Immutable, Alias("ecommerce.notifications.Notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] Guid OrderId,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset CreatedAt);
