using System.Globalization;
using Ecommerce.Grains.Streaming;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Users;

namespace Ecommerce.Grains.Notifications;

/// <summary>
/// A user's inbox. One message per order confirmation and per cancellation, whatever the stream redelivers or
/// reorders: events are applied once by id, and a message is written once per order and kind.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.ByUser)]
public sealed partial class NotificationGrain(
    [PersistentState("inbox", ProviderNames.Storage)] IPersistentState<NotificationState> inbox,
    IEmailSender email,
    IOptions<EmailOptions> emailOptions,
    TimeProvider clock,
    ILogger<NotificationGrain> logger) : OrderEventConsumer, INotificationGrain
{
    protected override RecentEventIds Applied => inbox.State.Applied;

    public Task<IReadOnlyList<Notification>> GetAsync() =>
        Task.FromResult<IReadOnlyList<Notification>>([.. inbox.State.Messages.OrderByDescending(m => m.CreatedAt)]);

    protected override async Task ApplyAsync(OrderEvent evt)
    {
        var notification = evt.Kind switch
        {
            OrderEventKind.Confirmed => new Notification(evt.EventId, NotificationKind.OrderConfirmed, evt.OrderId,
                string.Create(CultureInfo.InvariantCulture,
                    $"Your order {Short(evt.OrderId)} is confirmed: {evt.Lines.Sum(l => l.Quantity)} item(s), {evt.Total:0.00} {evt.Currency}."),
                evt.At),
            OrderEventKind.Cancelled => new Notification(evt.EventId, NotificationKind.OrderCancelled, evt.OrderId,
                $"Your order {Short(evt.OrderId)} was cancelled: {evt.Reason ?? "no reason given"} Nothing is charged for it.", evt.At),
            _ => null,
        };
        var state = inbox.State;

        // One message per order and kind, even if the same change came under two event ids.
        if (notification is null || state.Messages.Any(m => m.OrderId == notification.OrderId && m.Kind == notification.Kind))
        {
            return;
        }

        state.Applied.Add(evt.EventId);
        state.Messages.Add(notification);
        if (state.Messages.Count > NotificationState.Kept)
        {
            state.Messages.RemoveRange(0, state.Messages.Count - NotificationState.Kept);
        }

        // The e-mail's turn is taken with the message, in the same write: a redelivered event sends nothing twice.
        var now = clock.GetUtcNow();
        state.EmailsSent.RemoveAll(sent => sent <= now - TimeSpan.FromDays(1));
        var mail = state.EmailsSent.Count < emailOptions.Value.UnconfirmedPerDay;
        if (mail)
        {
            state.EmailsSent.Add(now);
        }

        await StoreAsync(() => inbox.WriteStateAsync());
        if (mail)
        {
            await SendEmailAsync(notification);
        }
        else
        {
            LogEmailWithheld(notification.OrderId);
        }
    }

    private async Task SendEmailAsync(Notification notification)
    {
        try
        {
            var user = await GrainFactory.Grain<IUserGrain>(this.GetPrimaryKey()).GetProfileAsync();
            if (user is not null)
            {
                var subject = notification.Kind == NotificationKind.OrderConfirmed ? "Your order is confirmed" : "Your order was cancelled";
                await email.SendAsync(new EmailMessage(user.Email, subject, notification.Message), CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The inbox holds the message either way; mail is best effort.
            LogEmailFailed(ex, notification.OrderId);
        }
    }

    private static string Short(Guid id) => id.ToString("N")[..8];

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "E-mail for order {OrderId} withheld: the address had its e-mails for today")]
    private partial void LogEmailWithheld(Guid orderId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "E-mail for order {OrderId} not sent")]
    private partial void LogEmailFailed(Exception error, Guid orderId);
}
