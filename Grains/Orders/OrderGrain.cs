using Ecommerce.Catalog;
using Ecommerce.Grains.Hosting;
using Ecommerce.Grains.Payments;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ecommerce.Grains.Orders;

/// <summary>
/// An order walks Pending -> Reserved -> Paid -> Confirmed, or ends Failed/Cancelled with its units released and its
/// charge refunded. It is written twice on the way: once reserved (with its place in the buyer's list and its
/// OrderPlaced event), so that a crash during payment leaves a record to finish or compensate, and once at its end,
/// before anyone is told. The payment's record is part of the order (the processor de-duplicates charges by order
/// id), and its events go out through the store's outbox in the same transaction as the state that caused them.
/// Every call it makes is idempotent per order, so an interrupted order resumes from its last written step.
/// </summary>
// A sale leaves tens of thousands of finished orders behind; their buyers read them back within seconds, not minutes.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class OrderGrain(
    [FromKeyedServices(ProviderNames.Storage)] IGrainStorage storage,
    IOrderStore store,
    IOptions<OrderOptions> options,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    public const string StateName = "order";

    /// <summary>Registered by earlier versions, which published their outbox from the grain; unregistered when it fires.</summary>
    private const string LegacyOutboxReminder = "publish-outbox";

    /// <summary>Whether this activation holds an order: one placed here, or a written one.</summary>
    private bool _placed;

    /// <summary>Placed under a fresh id (no Idempotency-Key): no retry can ask for it again, so a refusal is not written.</summary>
    private bool _freshId;

    private LazyState<OrderState> _order = null!;

    private OrderState S => _order.State;

    private Guid OrderId => this.GetPrimaryKey();

    /// <summary>A refusal is written only so that a retry replays it: to everyone else there is no such order.</summary>
    private bool IsOrder => _order.RecordExists && !S.Refused;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _order = new LazyState<OrderState>(storage, StateName, this.GetGrainId());
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
        if (_order.RecordExists && S.Outbox.Count > 0)
        {
            // Written by an earlier version with its events inside: they move to the outbox now.
            var legacy = S.Outbox;
            S.Outbox = [];
            await WriteAsync(legacy, listed: false);
        }

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
        if (!IsOrder)
        {
            // Never placed: it can have reserved, but not charged or confirmed. Let the stock have its units back.
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
            _freshId = true;
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
        return IsOrder ? View() : null;
    }

    public async Task<PaymentView?> GetPaymentAsync()
    {
        await EnsureLoadedAsync();
        return IsOrder && S.Charge is { } c ? new PaymentView(c.Status, c.ChargeId, c.Amount, c.Currency, c.TokenLast4, c.Charges) : null;
    }

    private async Task<CancelOrderResult> CancelCoreAsync(Guid userId, string reason)
    {
        await EnsureLoadedAsync();
        if (!IsOrder || S.UserId != userId)
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
        await WriteAsync([Event(OrderEventKind.Cancelled, reason)]);
        ShopMetrics.OrderCancelled();
        ForgetAtStock();
        return new CancelOrderResult(CancelOrderOutcome.Cancelled, View());
    }

    /// <summary>Drives the order from where it stands to an end.</summary>
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
            var (outcome, detail) = refused.Second.Outcome switch
            {
                ReserveOutcome.NotOnSale => (PlaceOrderOutcome.NotOnSale, $"'{line.Sku}' is not on sale yet."),
                ReserveOutcome.LimitExceeded => (PlaceOrderOutcome.LimitExceeded,
                    $"'{line.Sku}' is limited to {refused.Second.MaxPerCustomer} per customer; you hold {refused.Second.HeldByCustomer}."),
                _ => (PlaceOrderOutcome.OutOfStock,
                    $"'{line.Sku}' has {refused.Second.Available} units available; {line.Quantity} requested."),
            };
            Fail(outcome, line.Sku, detail);

            // Nothing is held and nothing was charged. A refusal under an Idempotency-Key is written (no list, no
            // event) so that a retry replays it after this activation is gone; under a fresh id it costs no write.
            S.Refused = true;
            S.Payment = null;
            if (!_freshId)
            {
                await WriteAsync([], listed: false);
            }

            return;
        }

        // Listed and announced with the state that holds the units, in one transaction.
        Record(OrderStatus.Reserved, null);
        await WriteAsync([Event(OrderEventKind.Placed, null)], listed: true);
        ShopMetrics.OrderPlaced();
    }

    private async Task ChargeAsync()
    {
        var payment = S.Payment ?? throw new InvalidOperationException("An order without payment details was reserved.");
        var result = await GrainFactory.GetGrain<IPaymentGrain>(0)
            .ChargeAsync(OrderId, new ChargeCommand(S.Total, S.Currency, payment.Method, payment.Token));

        // The charge is decided: the token has done its work and is not kept.
        S.Payment = null;
        S.Charge = new PaymentState
        {
            Amount = S.Total,
            Currency = S.Currency,
            Method = payment.Method,
            TokenLast4 = payment.Token.Length > 4 ? payment.Token[^4..] : payment.Token,
        };
        switch (result.Outcome)
        {
            case PaymentOutcome.Approved:
                (S.Charge.Status, S.Charge.ChargeId, S.Charge.Charges, S.Charge.ChargedAt) = (PaymentStatus.Charged, result.ChargeId, 1, clock.GetUtcNow());
                S.ChargeId = result.ChargeId;
                Record(OrderStatus.Paid, null);
                return;
            case PaymentOutcome.Declined:
                S.Charge.Status = PaymentStatus.Declined;
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
            await WriteAsync([Event(OrderEventKind.Confirmed, null)]);
            ShopMetrics.OrderConfirmed();
            ForgetAtStock();
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
        if (S.Charge is { Status: PaymentStatus.Charged, ChargeId: { } chargeId } charge)
        {
            await GrainFactory.GetGrain<IPaymentGrain>(0).RefundAsync(chargeId);
            (charge.Status, charge.RefundedAt) = (PaymentStatus.Refunded, clock.GetUtcNow());
        }
    }

    private Task ReleaseAllAsync() => Task.WhenAll(S.Lines.Select(l => Stock(l.Sku).ReleaseAsync(OrderId)));

    private async Task FailDurablyAsync(PlaceOrderOutcome outcome, string? sku, string detail)
    {
        await UndoAsync();
        Fail(outcome, sku, detail);
        S.Payment = null;
        await WriteAsync([Event(OrderEventKind.Cancelled, detail)]);
        ForgetAtStock();
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

    private OrderEvent Event(OrderEventKind kind, string? reason) =>
        new(Guid.NewGuid(), kind, OrderId, S.UserId, S.Lines.ToArray(), S.Total, S.Currency, clock.GetUtcNow(), reason);

    /// <summary>The state, the events it caused and (when placed) the buyer's list entry, in one transaction.</summary>
    private Task WriteAsync(IReadOnlyList<OrderEvent> events, bool listed = false) =>
        store.WriteAsync(this.GetGrainId(), _order.Stored, events, listed);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await EnsureLoadedAsync();
        if (reminderName == LegacyOutboxReminder && await this.GetReminder(LegacyOutboxReminder) is { } reminder)
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
        var products = await Task.WhenAll(merged.Select(l => GrainFactory.GetGrain<IProductGrain>(l.Sku).GetAsync()));
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
        ? new PlaceOrderResult(failure, IsOrder ? View() : null, S.FailureSku, S.FailureDetail)
        : new PlaceOrderResult(PlaceOrderOutcome.Placed, View(), null, null);

    private OrderView View() => new(
        OrderId, S.UserId, S.Status, S.Lines.ToArray(), S.Total, S.Currency, S.CreatedAt, S.History.ToArray(), S.ShippingAddress);

    private IStockGrain Stock(string sku) => GrainFactory.GetGrain<IStockGrain>(sku);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Order {OrderId} is {Status}")]
    private partial void LogStatus(Guid orderId, OrderStatus status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Order {OrderId} could not resume yet")]
    private partial void LogResumeFailed(Exception error, Guid orderId);
}
