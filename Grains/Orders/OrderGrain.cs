using Ecommerce.Catalog;
using Ecommerce.Grains.Hosting;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;

namespace Ecommerce.Grains.Orders;

/// <summary>
/// An order walks Pending -> Reserved -> Paid -> Confirmed, or ends Failed/Cancelled with its units released and its
/// charge refunded. Each step is persisted before the next begins, and every call it makes is idempotent per order,
/// so an interrupted order resumes from its last persisted step.
/// </summary>
// A sale leaves tens of thousands of finished orders behind; their buyers read them back within seconds, not minutes.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class OrderGrain(
    [FromKeyedServices(ProviderNames.Storage)] IGrainStorage storage,
    IOptions<OrderOptions> options,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    /// <summary>Whether this activation holds an order: a persisted one, or a refusal kept in memory.</summary>
    private bool _placed;

    /// <summary>Placed in this activation under a fresh id, and payment not yet asked: the payment grain has nothing stored.</summary>
    private bool _paymentSurelyNew;
    private bool _publishing;
    private IGrainTimer? _retry;
    private const string OutboxReminder = "publish-outbox";

    private LazyState<OrderState> _order = null!;

    private OrderState S => _order.State;

    private Guid OrderId => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _order = new LazyState<OrderState>(storage, "order", this.GetGrainId());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Reads the order on first need. An order interrupted by a crash resumes right then; if it can't yet (a stock
    /// grain is moving after a crash), it serves what storage holds and the next call or nudge tries again.
    /// </summary>
    private async Task EnsureLoadedAsync()
    {
        if (!await _order.LoadAsync())
        {
            return;
        }

        _placed = _order.RecordExists;
        PublishOutbox();
        if (_order.RecordExists && S.Status is OrderStatus.Reserved or OrderStatus.Paid)
        {
            try
            {
                await AdvanceAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogResumeFailed(ex, OrderId);
                await _order.ReloadAsync();
                _placed = _order.RecordExists;
            }
        }
    }

    public Task<PlaceOrderResult> PlaceAsync(PlaceOrder command) => ReloadOnFailure(() => PlaceCoreAsync(command));

    public Task<CancelOrderResult> CancelAsync(Guid userId, string reason) => ReloadOnFailure(() => CancelCoreAsync(userId, reason));

    public async Task ResumeAsync(string sku)
    {
        await EnsureLoadedAsync();
        if (!_order.RecordExists)
        {
            // Never recorded: it can have reserved, but not charged or confirmed. Let the stock have its units back.
            await Stock(sku).ReleaseAsync(OrderId);
            return;
        }

        await ReloadOnFailure(async () =>
        {
            await AdvanceAsync();
            if (S.Status is OrderStatus.Confirmed or OrderStatus.Cancelled or OrderStatus.Failed)
            {
                ForgetAtStock();
            }

            return true;
        });
    }

    /// <summary>
    /// A step that fails halfway (a grain call or a write) leaves this activation's state ahead of storage: drop the
    /// activation, so the next call starts again from what storage holds and resumes from there.
    /// </summary>
    private async Task<T> ReloadOnFailure<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task<PlaceOrderResult> PlaceCoreAsync(PlaceOrder command)
    {
        if (command.IsNewOrderId && !_order.Loaded)
        {
            _order.AssumeNew();
            _paymentSurelyNew = true;
        }
        else
        {
            await EnsureLoadedAsync();
        }

        if (_placed)
        {
            if (S.UserId != command.UserId || S.RequestFingerprint != command.RequestFingerprint)
            {
                return new PlaceOrderResult(PlaceOrderOutcome.IdempotencyKeyReused, null, null,
                    "This Idempotency-Key was already used for a different request.");
            }

            await AdvanceAsync();
            return Outcome();
        }

        if (command.Lines.Count == 0)
        {
            return new PlaceOrderResult(PlaceOrderOutcome.EmptyOrder, null, null, "An order needs at least one item.");
        }

        var priced = await PriceAsync(command.Lines);
        if (priced.Failure is { } failure)
        {
            return failure;
        }

        var now = clock.GetUtcNow();
        _order.State = new OrderState
        {
            Status = OrderStatus.Pending,
            UserId = command.UserId,
            Lines = priced.Lines,
            Currency = priced.Currency,
            CreatedAt = now,
            History = [new OrderHistoryEntry(OrderStatus.Pending, now, null)],
            RequestFingerprint = command.RequestFingerprint,
            ShippingAddress = command.ShippingAddress,
            Payment = command.Payment,
        };
        _placed = true;
        await AdvanceAsync();
        return Outcome();
    }

    public async Task<OrderView?> GetAsync()
    {
        await EnsureLoadedAsync();
        return _order.RecordExists ? View() : null;
    }

    private async Task<CancelOrderResult> CancelCoreAsync(Guid userId, string reason)
    {
        await EnsureLoadedAsync();
        if (!_order.RecordExists || S.UserId != userId)
        {
            return new CancelOrderResult(CancelOrderOutcome.NotFound, null);
        }

        var cancellable = S.Status switch
        {
            OrderStatus.Reserved or OrderStatus.Paid => true,
            OrderStatus.Confirmed => clock.GetUtcNow() - S.ConfirmedAt <= options.Value.CancellationWindow,
            _ => false,
        };
        if (!cancellable)
        {
            return new CancelOrderResult(CancelOrderOutcome.NotCancellable, View());
        }

        await UndoAsync();
        Record(OrderStatus.Cancelled, reason);
        Emit(OrderEventKind.Cancelled, reason);
        await _order.WriteAsync();
        ShopMetrics.OrderCancelled();
        ForgetAtStock();
        PublishOutbox();
        return new CancelOrderResult(CancelOrderOutcome.Cancelled, View());
    }

    /// <summary>
    /// Drives the order from where it stands to an end. The state is written twice on the way: once reserved, before
    /// the charge (so a crash leaves a record to finish or compensate), and once at its end, before anyone is told.
    /// </summary>
    private async Task AdvanceAsync()
    {
        while (true)
        {
            switch (S.Status)
            {
                case OrderStatus.Pending:
                    await ReserveAsync();
                    break;
                case OrderStatus.Reserved:
                    await ChargeAsync();
                    break;
                case OrderStatus.Paid:
                    await ConfirmAsync();
                    break;
                default:
                    return;
            }
        }
    }

    private async Task ReserveAsync()
    {
        var results = await Task.WhenAll(S.Lines.Select(l =>
            Stock(l.Sku).ReserveAsync(new ReserveRequest(OrderId, S.UserId, l.Quantity))));
        var refused = S.Lines.Zip(results).FirstOrDefault(r => r.Second.Outcome != ReserveOutcome.Reserved);
        if (refused.First is { } line)
        {
            await ReleaseAllAsync();

            // Nothing is held and nothing was charged: the refusal is kept in memory only, so that a sold-out sale's
            // refusals cost no write. A retry with the same key while this activation lives gets the same answer.
            var (outcome, detail) = refused.Second.Outcome switch
            {
                ReserveOutcome.NotOnSale => (PlaceOrderOutcome.NotOnSale, $"'{line.Sku}' is not on sale yet."),
                ReserveOutcome.LimitExceeded => (PlaceOrderOutcome.LimitExceeded,
                    $"'{line.Sku}' is limited to {refused.Second.MaxPerCustomer} per customer; you hold {refused.Second.HeldByCustomer}."),
                _ => (PlaceOrderOutcome.OutOfStock,
                    $"'{line.Sku}' has {refused.Second.Available} units available; {line.Quantity} requested."),
            };
            Fail(outcome, line.Sku, detail);
            return;
        }

        // Listed while the step is persisted: both are idempotent, so a crash in between repeats them harmlessly.
        Record(OrderStatus.Reserved, null);
        Emit(OrderEventKind.Placed, null);
        await Task.WhenAll(GrainFactory.Grain<IUserGrain>(S.UserId).AddOrderAsync(OrderId), _order.WriteAsync());
        ShopMetrics.OrderPlaced();
        PublishOutbox();
    }

    private async Task ChargeAsync()
    {
        var payment = S.Payment ?? throw new InvalidOperationException("An order without payment details was reserved.");
        var firstAttempt = _paymentSurelyNew;
        _paymentSurelyNew = false;
        var result = await GrainFactory.Grain<IPaymentGrain>(OrderId)
            .ChargeAsync(new ChargeCommand(S.Total, S.Currency, payment.Method, payment.Token, firstAttempt));
        switch (result.Outcome)
        {
            case PaymentOutcome.Approved:
                S.ChargeId = result.ChargeId;
                Record(OrderStatus.Paid, null);
                return;
            case PaymentOutcome.Declined:
                await FailDurablyAsync(PlaceOrderOutcome.PaymentDeclined, null, result.Reason ?? "The payment was declined.");
                return;
            default:
                await FailDurablyAsync(PlaceOrderOutcome.PaymentUnavailable, null, result.Reason ?? "The payment service is unavailable; try again shortly.");
                return;
        }
    }

    private async Task ConfirmAsync()
    {
        var confirmed = await Task.WhenAll(S.Lines.Select(l => Stock(l.Sku).ConfirmAsync(OrderId)));
        if (confirmed.All(c => c))
        {
            S.ConfirmedAt = clock.GetUtcNow();
            Record(OrderStatus.Confirmed, null);
            Emit(OrderEventKind.Confirmed, null);
            await _order.WriteAsync();
            ShopMetrics.OrderConfirmed();
            ForgetAtStock();
            PublishOutbox();
            return;
        }

        // A reservation lapsed before payment completed: its units may already be someone else's.
        var lapsed = S.Lines.Zip(confirmed).First(c => !c.Second).First.Sku;
        await FailDurablyAsync(PlaceOrderOutcome.OutOfStock, lapsed, $"The reservation of '{lapsed}' expired before payment completed.");
    }

    /// <summary>
    /// Gives back whatever the order holds and refunds its charge. A confirmed order returns its sold units (the
    /// stock may have forgotten it); any other releases what it still holds at each stock.
    /// </summary>
    private async Task UndoAsync()
    {
        await (S.Status == OrderStatus.Confirmed
            ? Task.WhenAll(S.Lines.Select(l => Stock(l.Sku).ReturnAsync(new ReturnRequest(OrderId, S.UserId, l.Quantity))))
            : ReleaseAllAsync());
        // The payment grain knows whether anything was charged, also for an order that resumed after a crash.
        await GrainFactory.Grain<IPaymentGrain>(OrderId).RefundAsync();
    }

    private Task ReleaseAllAsync() => Task.WhenAll(S.Lines.Select(l => Stock(l.Sku).ReleaseAsync(OrderId)));

    private async Task FailDurablyAsync(PlaceOrderOutcome outcome, string? sku, string detail)
    {
        await UndoAsync();
        Fail(outcome, sku, detail);
        Emit(OrderEventKind.Cancelled, detail);
        await _order.WriteAsync();
        ForgetAtStock();
        PublishOutbox();
    }

    private void Fail(PlaceOrderOutcome outcome, string? sku, string detail)
    {
        S.Failure = outcome;
        S.FailureSku = sku;
        S.FailureDetail = detail;
        Record(OrderStatus.Failed, detail);
        ShopMetrics.OrderFailed(outcome);
    }

    private void Record(OrderStatus status, string? reason)
    {
        S.Status = status;
        S.History.Add(new OrderHistoryEntry(status, clock.GetUtcNow(), reason));
        LogStatus(OrderId, status);
    }

    private void Emit(OrderEventKind kind, string? reason) => S.Outbox =
    [
        .. S.Outbox,
        new OrderEvent(Guid.NewGuid(), kind, OrderId, S.UserId, S.Lines.ToArray(), S.Total, S.Currency, clock.GetUtcNow(), reason),
    ];

    /// <summary>Publishes the outbox in the background; what fails is retried by a timer, and by a reminder if the order deactivates first.</summary>
    private void PublishOutbox()
    {
        if (!_publishing && S.Outbox.Count > 0)
        {
            _ = PublishOutboxAsync();
        }
    }

    private async Task PublishOutboxAsync()
    {
        _publishing = true;
        try
        {
            var streams = this.GetStreamProvider(ProviderNames.Streams);
            // Events emitted while a publish is under way are published by this loop too.
            while (S.Outbox.Count > 0)
            {
                var evt = S.Outbox[0];
                await streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByUser, evt.UserId)).OnNextAsync(evt);
                ShopMetrics.EventPublished(evt.Kind);
                if (evt.Kind != OrderEventKind.Placed)
                {
                    foreach (var sku in evt.Lines.Select(l => l.Sku).Distinct())
                    {
                        await streams.GetStream<OrderEvent>(StreamId.Create(OrderStreams.ByProduct, sku)).OnNextAsync(evt);
                    }
                }

                // Taken by the provider. The removal is written with the next change, if any: a republish after a
                // crash is a duplicate the consumers drop.
                S.Outbox = [.. S.Outbox.Where(e => e.EventId != evt.EventId)];
            }

            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, OrderId, S.Outbox.Count);
            _retry ??= this.RegisterGrainTimer(() => _publishing ? Task.CompletedTask : PublishOutboxAsync(),
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)) { KeepAlive = true });
        }
        finally
        {
            _publishing = false;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_order is { Loaded: true, RecordExists: true } && S.Outbox.Count > 0)
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Loading may already have started the publish; a second one would send the same events again.
        await EnsureLoadedAsync();
        if (!_publishing && S.Outbox.Count > 0)
        {
            await PublishOutboxAsync();
        }

        if (S.Outbox.Count == 0 && await this.GetReminder(OutboxReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The outcome is durable here now: the stock may drop its per-order records.</summary>
    private void ForgetAtStock()
    {
        foreach (var line in S.Lines)
        {
            _ = Stock(line.Sku).ForgetAsync(OrderId);
        }
    }

    private async Task<(List<OrderLine> Lines, string Currency, PlaceOrderResult? Failure)> PriceAsync(
        IReadOnlyList<OrderLineRequest> requested)
    {
        var merged = requested.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity)))
            .ToList();
        var products = await Task.WhenAll(merged.Select(l => GrainFactory.Grain<IProductGrain>(l.Sku).GetAsync()));
        var lines = new List<OrderLine>(merged.Count);
        for (var i = 0; i < merged.Count; i++)
        {
            if (products[i] is not { } product)
            {
                return ([], "", new PlaceOrderResult(PlaceOrderOutcome.UnknownProduct, null, merged[i].Sku,
                    $"There is no product '{merged[i].Sku}'."));
            }

            lines.Add(new OrderLine(product.Sku, merged[i].Quantity, product.Details.Price));
        }

        var currencies = products.Select(p => p!.Details.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            return ([], "", new PlaceOrderResult(PlaceOrderOutcome.MixedCurrencies, null, null,
                $"One order takes one currency; these items are priced in {string.Join(", ", currencies)}."));
        }

        return (lines, currencies[0], null);
    }

    private PlaceOrderResult Outcome() => S.Failure is { } failure
        ? new PlaceOrderResult(failure, _order.RecordExists ? View() : null, S.FailureSku, S.FailureDetail)
        : new PlaceOrderResult(PlaceOrderOutcome.Placed, View(), null, null);

    private OrderView View() => new(
        OrderId, S.UserId, S.Status, S.Lines.ToArray(), S.Total, S.Currency, S.CreatedAt, S.History.ToArray(), S.ShippingAddress);

    private IStockGrain Stock(string sku) => GrainFactory.Grain<IStockGrain>(sku);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Order {OrderId} is {Status}")]
    private partial void LogStatus(Guid orderId, OrderStatus status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Order {OrderId} could not resume yet")]
    private partial void LogResumeFailed(Exception error, Guid orderId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Order {OrderId}: {Count} event(s) not published yet")]
    private partial void LogPublishFailed(Exception error, Guid orderId, int count);
}
