using Ecommerce.Catalog;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Orleans.Concurrency;

namespace Ecommerce.Grains.Inventory;

/// <summary>
/// One SKU's units, built for the flash sale. Each request is decided in memory within one turn (so there is no
/// check-then-act race and no oversell) and made durable in groups: while one write is in flight, new decisions queue
/// for the next one, and each caller is answered once the write holding its decision has committed (group commit).
/// The grain is reentrant only so that requests can be decided while a write is in flight; no decision spans an await.
/// </summary>
[Reentrant]
public sealed partial class StockGrain(
    [PersistentState("stock", ProviderNames.Storage)] IPersistentState<StockState> stock,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<StockGrain> logger) : Grain, IStockGrain, IRemindable
{
    private const string ExpiryReminder = "expire-reservations";
    private readonly InventoryOptions _options = options.Value;

    /// <summary>The working state: decisions land here first, then reach storage as snapshots.</summary>
    private StockState _s = null!;

    /// <summary>The level as of the last committed write: what readers see.</summary>
    private StockLevel _durable = null!;

    /// <summary>Completes when the write carrying the decisions taken since the last write has committed.</summary>
    private TaskCompletionSource? _next;

    /// <summary>The batch being written now.</summary>
    private TaskCompletionSource? _writing;

    /// <summary>When each unacknowledged order was last nudged (memory only: a new activation nudges again).</summary>
    private readonly Dictionary<Guid, DateTimeOffset> _nudged = [];

    private static readonly TimeSpan AnnounceInterval = TimeSpan.FromMilliseconds(500);
    private int _announced = -1;
    private DateTimeOffset _announcedAt;
    private IGrainTimer? _announceTimer;
    private IGrainTimer? _sweepTimer;
    private Exception? _broken;
    private bool _reminderRegistered;

    /// <summary>What this activation has added to the silo's stock gauges (<see cref="ShopMetrics.StockChanged"/>).</summary>
    private int _reportedAvailable;
    private int _reportedReserved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _s = stock.State;
        _durable = Level(_s);
        ReportLevel();
        await SweepAsync(cancellationToken);
        SweepWhileHolding();
        if (_s.Holds.Count > 0)
        {
            await EnsureReminderAsync();
        }
    }

    public async Task<SetOnHandResult> SetOnHandAsync(int unsoldUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unsoldUnits);
        ThrowIfBroken();
        if (unsoldUnits < _s.Reserved)
        {
            // Reserved units are promised to buyers: they can't be taken back by lowering the count.
            await Barrier();
            return new SetOnHandResult(Accepted: false, Level(_s));
        }

        _s.Available = unsoldUnits - _s.Reserved;
        var committed = Commit();
        var level = Level(_s);
        await committed;
        return new SetOnHandResult(Accepted: true, level);
    }

    public async Task SetTermsAsync(SaleTerms terms)
    {
        ThrowIfBroken();
        if (_s.Terms != terms)
        {
            _s.Terms = terms;
            await Commit();
        }
    }

    public async Task<ReserveResult> ReserveAsync(ReserveRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        ThrowIfBroken();
        var limit = _s.Terms.MaxPerCustomer;
        var held = _s.HeldByCustomer.GetValueOrDefault(request.CustomerId);
        if (_s.Holds.ContainsKey(request.OrderId))
        {
            // A retry of a reservation already decided: answer it once that decision is durable.
            await Barrier();
            return new ReserveResult(ReserveOutcome.Reserved, _s.Available, limit, held);
        }

        var now = clock.GetUtcNow();
        ReserveOutcome? refusal =
            _s.Terms.AvailableFrom is { } from && now < from ? ReserveOutcome.NotOnSale
            : limit is { } max && held + request.Quantity > max ? ReserveOutcome.LimitExceeded
            : request.Quantity > _s.Available ? ReserveOutcome.OutOfStock
            : null;
        if (refusal is { } refused)
        {
            // A refusal changes nothing and is always safe, so it is answered at once: a sold-out flash sale is
            // mostly refusals, and they don't queue behind the writes.
            LogRefused(refused, request.Quantity, _s.Available);
            ShopMetrics.ReservationRefused(refused);
            return new ReserveResult(refused, _s.Available, limit, held);
        }

        _s.Available -= request.Quantity;
        _s.Reserved += request.Quantity;
        var counts = limit is not null;
        if (counts)
        {
            _s.HeldByCustomer[request.CustomerId] = held + request.Quantity;
        }

        _s.Holds[request.OrderId] = new StockHold(request.CustomerId, request.Quantity, HoldStage.Reserved, now + _options.ReservationTtl, counts, now);
        var reserved = new ReserveResult(ReserveOutcome.Reserved, _s.Available, limit, counts ? held + request.Quantity : held);
        var durable = Commit();
        ShopMetrics.ReservationMade();
        if (!_reminderRegistered)
        {
            _ = EnsureReminderAsync();
        }

        await durable;
        return reserved;
    }

    public async Task<bool> ConfirmAsync(Guid orderId)
    {
        ThrowIfBroken();
        if (!_s.Holds.TryGetValue(orderId, out var hold) || hold.Stage == HoldStage.Returned)
        {
            await Barrier();
            return false;
        }

        if (hold.Stage == HoldStage.Sold)
        {
            await Barrier();
            return true;
        }

        _s.Reserved -= hold.Quantity;
        _s.Sold += hold.Quantity;
        var now = clock.GetUtcNow();
        _s.Holds[orderId] = hold with { Stage = HoldStage.Sold, Until = now + _options.SoldRecordRetention, At = now };
        var committed = Commit();
        ShopMetrics.Sold(hold.Quantity);
        await committed;
        return true;
    }

    public async Task ReleaseAsync(Guid orderId)
    {
        ThrowIfBroken();
        _s.Holds.TryGetValue(orderId, out var hold);
        switch (hold?.Stage)
        {
            case HoldStage.Reserved:
                Release(orderId, hold);
                await Commit();
                return;
            case HoldStage.Sold:
                // An order that failed after confirming here (another line lapsed): its units go back on sale.
                SellBack(orderId, hold.CustomerId, hold.Quantity, hold.CountsAgainstLimit);
                await Commit();
                return;
            default:
                // Nothing held (never reserved, released, or lapsed) or already given back.
                await Barrier();
                return;
        }
    }

    public async Task ReturnAsync(ReturnRequest request)
    {
        ThrowIfBroken();
        _s.Holds.TryGetValue(request.OrderId, out var hold);
        switch (hold?.Stage)
        {
            case HoldStage.Returned:
                await Barrier();
                return;
            case HoldStage.Reserved:
                Release(request.OrderId, hold);
                await Commit();
                return;
        }

        // Sold: the stock still remembers the order (hold), or the order acknowledged its confirmation and the stock
        // forgot it (no hold). Only a durably confirmed order calls Return, so a missing hold means sold, not lapsed.
        if (_s.Sold < request.Quantity)
        {
            LogImpossibleReturn(request.OrderId, request.Quantity, _s.Sold);
            await Barrier();
            return;
        }

        SellBack(request.OrderId, request.CustomerId, request.Quantity,
            hold?.CountsAgainstLimit ?? _s.HeldByCustomer.ContainsKey(request.CustomerId));
        await Commit();
    }

    private void SellBack(Guid orderId, Guid customerId, int quantity, bool counted)
    {
        _s.Sold -= quantity;
        _s.Available += quantity;
        Uncount(customerId, quantity, counted);
        var now = clock.GetUtcNow();
        _s.Holds[orderId] = new StockHold(customerId, quantity, HoldStage.Returned, now + _options.SoldRecordRetention, CountsAgainstLimit: false, now);
    }

    public Task ForgetAsync(Guid orderId)
    {
        if (_broken is null && _s.Holds.TryGetValue(orderId, out var hold) && hold.Stage != HoldStage.Reserved)
        {
            _s.Holds.Remove(orderId);

            // Nobody waits for this: it rides along with the next write.
            _ = Commit().ContinueWith(static t => _ = t.Exception, TaskScheduler.Current);
        }

        return Task.CompletedTask;
    }

    public Task<StockLevel> GetAsync() => Task.FromResult(_durable);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await SweepAsync(CancellationToken.None);
        if (_s.Holds.Count == 0 && await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _reminderRegistered = false;
        }
    }

    private void Release(Guid orderId, StockHold hold)
    {
        _s.Reserved -= hold.Quantity;
        _s.Available += hold.Quantity;
        Uncount(hold.CustomerId, hold.Quantity, hold.CountsAgainstLimit);
        _s.Holds.Remove(orderId);
    }

    private void Uncount(Guid customerId, int quantity, bool counted)
    {
        if (!counted)
        {
            return;
        }

        var left = _s.HeldByCustomer.GetValueOrDefault(customerId) - quantity;
        if (left > 0)
        {
            _s.HeldByCustomer[customerId] = left;
        }
        else
        {
            _s.HeldByCustomer.Remove(customerId);
        }
    }

    /// <summary>
    /// Returns lapsed reservations to available and tells their orders; nudges orders that have held a reservation, or
    /// left a sale or return unacknowledged, for longer than the acknowledgement timeout (their silo may have died
    /// mid-saga: the nudge makes them finish or compensate now rather than when the reservation lapses); forgets records
    /// past their retention.
    /// </summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (_broken is not null || _s.Holds.Count == 0)
        {
            _sweepTimer?.Dispose();
            _sweepTimer = null;
            return;
        }

        var now = clock.GetUtcNow();
        var expired = 0;
        var lapsed = 0;
        var changed = false;
        var nudge = new List<Guid>();
        foreach (var (orderId, hold) in _s.Holds.ToList())
        {
            if (hold.Until <= now)
            {
                if (hold.Stage == HoldStage.Reserved)
                {
                    Release(orderId, hold);
                    expired += hold.Quantity;
                    lapsed++;
                    nudge.Add(orderId);
                }
                else
                {
                    _s.Holds.Remove(orderId);
                }

                changed = true;
            }
            else if (now - hold.At >= _options.AcknowledgementTimeout
                && (!_nudged.TryGetValue(orderId, out var last) || now - last >= _options.AcknowledgementTimeout))
            {
                _nudged[orderId] = now;
                nudge.Add(orderId);
            }
        }

        foreach (var gone in _nudged.Keys.Where(id => !_s.Holds.ContainsKey(id)).ToList())
        {
            _nudged.Remove(gone);
        }

        if (changed)
        {
            if (expired > 0)
            {
                LogExpired(expired);
                ShopMetrics.Expired(lapsed);
            }

            await Commit();
        }

        var sku = this.GetPrimaryKeyString();
        foreach (var orderId in nudge)
        {
            _ = GrainFactory.Grain<IOrderGrain>(orderId).ResumeAsync(sku);
        }
    }

    /// <summary>
    /// The sweep runs only while there are holds to lapse or forget: a catalog of idle stock grains would otherwise
    /// take one timer turn per product every second. The first sweep with nothing held stops it.
    /// </summary>
    private void SweepWhileHolding()
    {
        if (_sweepTimer is null && _s.Holds.Count > 0)
        {
            _sweepTimer = this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(_options.ExpirySweepInterval, _options.ExpirySweepInterval));
        }
    }

    /// <summary>Queues the decisions taken so far for the next write; completes when that write commits.</summary>
    private Task Commit()
    {
        _s.Version++;
        ReportLevel();
        SweepWhileHolding();
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = _next.Task;
        if (_writing is null)
        {
            _ = WriteAsync();
        }

        return committed;
    }

    private void ReportLevel()
    {
        ShopMetrics.StockChanged(_s.Available - _reportedAvailable, _s.Reserved - _reportedReserved);
        (_reportedAvailable, _reportedReserved) = (_s.Available, _s.Reserved);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The units leave this silo's gauges with the activation; the next activation, anywhere, adds them again.
        ShopMetrics.StockChanged(-_reportedAvailable, -_reportedReserved);
        (_reportedAvailable, _reportedReserved) = (0, 0);
        return Task.CompletedTask;
    }

    /// <summary>Completes when every decision taken so far is durable (or has failed).</summary>
    private Task Barrier() => _next?.Task ?? _writing?.Task ?? Task.CompletedTask;

    private async Task WriteAsync()
    {
        while (_next is { } batch)
        {
            (_writing, _next) = (batch, null);
            var snapshot = _s.Snapshot();
            stock.State = snapshot;
            try
            {
                await stock.WriteStateAsync();
            }
            catch (Exception ex)
            {
                Break(ex);
                return;
            }

            _durable = Level(snapshot);
            _writing = null;
            batch.SetResult();
            NoteAvailability();
        }
    }

    /// <summary>
    /// Tells the catalog feed (and so every API process's search results) when the units available change: at most
    /// once per <see cref="AnnounceInterval"/>, so a flash sale's thousands of decisions a second cost one message.
    /// </summary>
    private void NoteAvailability()
    {
        if (_durable.Available == _announced)
        {
            return;
        }

        var due = _announcedAt + AnnounceInterval - clock.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Announce();
        }
        else
        {
            _announceTimer ??= this.RegisterGrainTimer(() =>
            {
                _announceTimer?.Dispose();
                _announceTimer = null;
                if (_durable.Available != _announced)
                {
                    Announce();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
    }

    private void Announce()
    {
        (_announced, _announcedAt) = (_durable.Available, clock.GetUtcNow());
        _ = GrainFactory.Grain<ICatalogFeedGrain>(0).PublishAvailabilityAsync(new Availability(_durable.Sku, _durable.Available, _durable.Version));
    }

    /// <summary>
    /// A write failed: the decisions in memory may not be durable. Fail everyone waiting and start over from storage
    /// in a new activation, rather than answering from a state that storage does not hold.
    /// </summary>
    private void Break(Exception error)
    {
        _broken = error;
        LogWriteFailed(error);
        _writing?.TrySetException(error);
        _next?.TrySetException(error);
        (_writing, _next) = (null, null);
        DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw new ShopUnavailableException($"The stock of {this.GetPrimaryKeyString()} is reloading after a failed write; retry shortly.");
        }
    }

    /// <summary>A durable wake-up, so reservations still lapse, and their orders are nudged, when the silo holding this grain dies.</summary>
    private async Task EnsureReminderAsync()
    {
        _reminderRegistered = true;
        try
        {
            // Due when the first reservation could need a nudge or lapse; the period is the shortest reminders allow.
            var due = _options.AcknowledgementTimeout < _options.ReservationTtl ? _options.AcknowledgementTimeout : _options.ReservationTtl;
            await this.RegisterOrUpdateReminder(ExpiryReminder, due + _options.ExpirySweepInterval, TimeSpan.FromMinutes(1));
        }
        catch (Exception ex)
        {
            _reminderRegistered = false;
            LogReminderFailed(ex);
        }
    }

    private StockLevel Level(StockState s) => new(this.GetPrimaryKeyString(), s.Available, s.Reserved, s.Sold, s.Version);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Refused {Quantity} units ({Outcome}); {Available} available")]
    private partial void LogRefused(ReserveOutcome outcome, int quantity, int available);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Units} reserved units expired back to available")]
    private partial void LogExpired(int units);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "A stock write failed; the grain reloads from storage")]
    private partial void LogWriteFailed(Exception error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Could not register the expiry reminder")]
    private partial void LogReminderFailed(Exception error);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Return of {Quantity} units for order {OrderId} refused: only {Sold} sold")]
    private partial void LogImpossibleReturn(Guid orderId, int quantity, int sold);
}
