using Ecommerce.Inventory;

namespace Ecommerce.Grains.Inventory;

/// <summary>
/// One SKU's units. Not reentrant: each call runs check-then-act in one turn and persists before it answers, so the
/// invariants (available + reserved + sold == on hand, none negative, maxPerCustomer) hold under any concurrency.
/// </summary>
public sealed partial class StockGrain(
    [PersistentState("stock", ProviderNames.Storage)] IPersistentState<StockState> stock,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<StockGrain> logger) : Grain, IStockGrain, IRemindable
{
    private const string ExpiryReminder = "expire-reservations";
    private readonly InventoryOptions _options = options.Value;
    private IGrainTimer? _expiryTimer;
    private bool _hasReminder;

    private StockState S => stock.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Reserved > 0)
        {
            await ExpireAsync();
            await EnsureExpiryReminderAsync();
        }

        ScheduleExpiry();
    }

    public async Task<SetOnHandResult> SetOnHandAsync(int unsoldUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unsoldUnits);
        await ExpireAsync();
        if (unsoldUnits < S.Reserved)
        {
            // Reserved units are promised to buyers: they can't be taken back by lowering the count.
            return new SetOnHandResult(Accepted: false, Level());
        }

        S.Available = unsoldUnits - S.Reserved;
        await PersistAsync();
        return new SetOnHandResult(Accepted: true, Level());
    }

    public async Task SetTermsAsync(SaleTerms terms)
    {
        if (S.Terms != terms)
        {
            S.Terms = terms;
            await PersistAsync();
        }
    }

    public async Task<ReserveResult> ReserveAsync(ReserveRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        var held = S.HeldByCustomer.GetValueOrDefault(request.CustomerId);
        if (S.Holds.ContainsKey(request.OrderId))
        {
            return Result(ReserveOutcome.Reserved, held);
        }

        var now = clock.GetUtcNow();
        if (S.Terms.AvailableFrom is { } from && now < from)
        {
            return Result(ReserveOutcome.NotOnSale, held);
        }

        if (S.Terms.MaxPerCustomer is { } max && held + request.Quantity > max)
        {
            LogLimitRefused(request.CustomerId, request.Quantity, held);
            return Result(ReserveOutcome.LimitExceeded, held);
        }

        if (request.Quantity > S.Available)
        {
            LogOversellRefused(request.Quantity, S.Available);
            return Result(ReserveOutcome.OutOfStock, held);
        }

        S.Available -= request.Quantity;
        S.Reserved += request.Quantity;
        S.HeldByCustomer[request.CustomerId] = held + request.Quantity;
        S.Holds[request.OrderId] = new StockHold
        {
            CustomerId = request.CustomerId,
            Quantity = request.Quantity,
            Until = now + _options.ReservationTtl,
        };
        await PersistAsync();
        await EnsureExpiryReminderAsync();
        return Result(ReserveOutcome.Reserved, held + request.Quantity);
    }

    public async Task<bool> ConfirmAsync(Guid orderId)
    {
        if (!S.Holds.TryGetValue(orderId, out var hold))
        {
            return false;
        }

        if (hold.Sold)
        {
            return true;
        }

        S.Reserved -= hold.Quantity;
        S.Sold += hold.Quantity;
        hold.Sold = true;
        hold.Until = clock.GetUtcNow() + _options.SoldRecordRetention;
        await PersistAsync();
        return true;
    }

    public async Task ReleaseAsync(Guid orderId)
    {
        if (S.Holds.TryGetValue(orderId, out var hold) && !hold.Sold)
        {
            Release(orderId, hold);
            await PersistAsync();
        }
    }

    public async Task ReturnAsync(Guid orderId)
    {
        if (S.Holds.TryGetValue(orderId, out var hold) && hold.Sold)
        {
            S.Sold -= hold.Quantity;
            S.Available += hold.Quantity;
            DropHold(orderId, hold);
            await PersistAsync();
        }
    }

    public Task<StockLevel> GetAsync() => Task.FromResult(Level());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireAsync();
        if (S.Reserved == 0)
        {
            var reminder = await this.GetReminder(ExpiryReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private void Release(Guid orderId, StockHold hold)
    {
        S.Reserved -= hold.Quantity;
        S.Available += hold.Quantity;
        DropHold(orderId, hold);
    }

    private void DropHold(Guid orderId, StockHold hold)
    {
        S.Holds.Remove(orderId);
        var left = S.HeldByCustomer.GetValueOrDefault(hold.CustomerId) - hold.Quantity;
        if (left > 0)
        {
            S.HeldByCustomer[hold.CustomerId] = left;
        }
        else
        {
            S.HeldByCustomer.Remove(hold.CustomerId);
        }
    }

    /// <summary>Returns lapsed reservations to available and forgets sale records past their retention.</summary>
    private async Task ExpireAsync()
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        var forgotten = false;
        foreach (var (orderId, hold) in S.Holds.Where(h => h.Value.Until <= now).ToList())
        {
            if (hold.Sold)
            {
                // The units stay sold and still count against the customer's limit; only the per-order record goes.
                S.Holds.Remove(orderId);
                forgotten = true;
            }
            else
            {
                Release(orderId, hold);
                expired += hold.Quantity;
            }
        }

        if (expired > 0 || forgotten)
        {
            if (expired > 0)
            {
                LogExpired(expired);
            }

            await PersistAsync();
        }
    }

    private void ScheduleExpiry()
    {
        _expiryTimer ??= this.RegisterGrainTimer(
            _ => S.Reserved > 0 ? ExpireAsync() : Task.CompletedTask,
            new GrainTimerCreationOptions(_options.ExpirySweepInterval, _options.ExpirySweepInterval));
    }

    /// <summary>A durable wake-up, so reservations still lapse when the silo holding this grain dies.</summary>
    private async Task EnsureExpiryReminderAsync()
    {
        if (S.Reserved > 0 && !_hasReminder)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _hasReminder = true;
        }
    }

    private async Task PersistAsync()
    {
        S.Version++;
        try
        {
            await stock.WriteStateAsync();
        }
        catch
        {
            // The decision in memory did not become durable: go back to what is.
            await stock.ReadStateAsync();
            throw;
        }
    }

    private ReserveResult Result(ReserveOutcome outcome, int held) =>
        new(outcome, S.Available, S.Terms.MaxPerCustomer, held);

    private StockLevel Level() => new(this.GetPrimaryKeyString(), S.Available, S.Reserved, S.Sold, S.Version);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Refused {Quantity} units: only {Available} available")]
    private partial void LogOversellRefused(int quantity, int available);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Refused {Quantity} units to customer {CustomerId} who holds {Held}")]
    private partial void LogLimitRefused(Guid customerId, int quantity, int held);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Units} reserved units expired back to available")]
    private partial void LogExpired(int units);
}
