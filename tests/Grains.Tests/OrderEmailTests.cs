using System.Collections.Concurrent;
using Ecommerce.Grains.Notifications;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Ecommerce.Grains.Tests;

/// <summary>A cluster of its own whose e-mails are recorded instead of logged.</summary>
public sealed class RecordedEmailFixture : IAsyncLifetime
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public RecordedEmailFixture() =>
        Cluster = ShopTestCluster.Build(1, services: s => s.AddSingleton<IEmailSender>(new Recorder(Sent)));

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Recorder(ConcurrentQueue<EmailMessage> sent) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}

public sealed class OrderEmailTests(RecordedEmailFixture fixture) : IClassFixture<RecordedEmailFixture>
{
    [Fact]
    public async Task An_address_gets_a_bounded_number_of_order_emails_a_day_while_the_inbox_keeps_them_all()
    {
        var client = fixture.Cluster.Client;
        var email = $"{Guid.NewGuid():N}@someone-elses.example";
        var user = (await client.GetGrain<IUserLoginGrain>(EmailAddress.Normalize(email))
            .RegisterAsync(new NewUser(Guid.NewGuid(), email, "Bot", "hash", [Roles.Customer]))).UserId;
        var streams = client.GetStreamProvider(ProviderNames.Streams);

        // Five orders confirmed (one delivered twice): five messages in the inbox, three e-mails (the daily allowance).
        var events = Enumerable.Range(0, 5).Select(_ => new OrderEvent(Guid.NewGuid(), OrderEventKind.Confirmed, Guid.NewGuid(), user,
            [new OrderLine(ShopData.NewSku(), 1, 10m)], 10m, "EUR", DateTimeOffset.UtcNow, null)).ToList();
        foreach (var evt in events.Append(events[0]))
        {
            await streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByUser, user)).OnNextAsync(evt);
        }

        var inbox = await Eventually.ThatAsync(() => client.GetGrain<INotificationGrain>(user).GetAsync(), m => m.Count >= 5);
        await Task.Delay(500);

        Assert.Equal(5, inbox.Count);
        Assert.Equal(3, fixture.Sent.Count(m => m.To == email));
    }
}
