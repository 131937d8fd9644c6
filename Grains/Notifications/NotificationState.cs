using Ecommerce.Grains.Streaming;
using Ecommerce.Notifications;

namespace Ecommerce.Grains.Notifications;

[GenerateSerializer, Alias("ecommerce.grains.NotificationState")]
public sealed class NotificationState
{
    public const int Kept = 200;

    /// <summary>Oldest first; the newest <see cref="Kept"/> are kept.</summary>
    [Id(0)] public List<Notification> Messages { get; set; } = [];
    [Id(1)] public RecentEventIds Applied { get; set; } = new();
}
