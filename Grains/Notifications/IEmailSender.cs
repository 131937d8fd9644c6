namespace Ecommerce.Grains.Notifications;

/// <summary>Sends the shop's e-mails: SMTP through MailKit when <c>Email:Smtp:Host</c> is set, a log line otherwise.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>The <c>Email</c> section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "shop@localhost";
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Order e-mails one user's address gets per day. Nobody has confirmed an address yet (there is no confirmation
    /// step), so an address someone typed in at registration, theirs or not, gets at most this many: a bot can't
    /// turn orders into mail to a stranger. The inbox keeps every message.
    /// </summary>
    public int UnconfirmedPerDay { get; set; } = 3;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool UseTls { get; set; } = true;
    public string? Username { get; set; }
    public string? Password { get; set; }
}
