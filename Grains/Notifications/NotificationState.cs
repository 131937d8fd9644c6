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

    /// <summary>When the e-mails of the last day went out, oldest first (see <see cref="EmailOptions.UnconfirmedPerDay"/>).</summary>
    [Id(2)] public List<DateTimeOffset> EmailsSent { get; set; } = [];
}
