namespace Ecommerce.Grains.Notifications;

/// <summary>Development and tests: the e-mail becomes a log line (subject and recipient; bodies may hold personal data).</summary>
public sealed partial class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        LogEmail(message.To, message.Subject);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "E-mail to {To}: {Subject}")]
    private partial void LogEmail(string to, string subject);
}
