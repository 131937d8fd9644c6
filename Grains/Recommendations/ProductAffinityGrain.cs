using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Ecommerce.Recommendations;
using Orleans.Storage;

namespace Ecommerce.Grains.Recommendations;

/// <summary>
/// "Bought together" for one product, fed by confirmations and cancellations of orders that hold it. A hot product
/// gets every order of a flash sale, one event after another: events are applied in memory and the counts written
/// once a second, so the sale never waits on them (a silo crash loses the last second of counts, and the outbox relay's
/// replay after a silo's death brings those events again; the ledger and the applied ids count each once).
/// Its recent sales go to the trending grain in small periodic reports rather than one call per order.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.ByProduct)]
public sealed class ProductAffinityGrain(
    [PersistentState("affinity", ProviderNames.Storage)] IPersistentState<ProductAffinityState> affinity,
    IOptions<RecommendationOptions> options,
    TimeProvider clock) : OrderEventConsumer, IProductAffinityGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    // Events applied since the last write that stored them: on a version conflict they are applied again to what was
    // stored, and after a failed write they are written at the next tick.
    private readonly List<OrderEvent> _unsaved = [];
    private readonly RecommendationOptions _options = options.Value;
    private bool _salesChanged;

    private ProductAffinityState S => affinity.State;

    protected override RecentEventIds Applied => S.Applied;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ReportSalesAsync, new GrainTimerCreationOptions(_options.TrendingReportInterval, _options.TrendingReportInterval));
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushInterval, FlushInterval));
        S.Purchases.Import(S.Orders, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScoredSku>> GetBoughtTogetherAsync(int limit) =>
        Task.FromResult<IReadOnlyList<ScoredSku>>([.. S.BoughtWith
            .Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new ScoredSku(p.Key, p.Value))]);

    public Task<long> GetUnitsSoldAsync()
    {
        var oldest = (clock.GetUtcNow() - _options.TrendingWindow).ToUnixTimeSeconds() / 60;
        return Task.FromResult(S.SalesByMinute.Where(m => m.Key >= oldest).Sum(m => (long)m.Value));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    protected override Task ApplyAsync(OrderEvent evt)
    {
        S.Applied.Add(evt.EventId);
        _unsaved.Add(evt);
        var sign = S.Purchases.Apply(evt, clock.GetUtcNow(), out _);
        if (sign != 0)
        {
            var sku = this.GetPrimaryKeyString();
            foreach (var line in evt.Lines.Where(l => l.Sku != sku))
            {
                S.BoughtWith[line.Sku] = S.BoughtWith.GetValueOrDefault(line.Sku) + (sign * line.Quantity);
            }

            var minute = evt.At.ToUnixTimeSeconds() / 60;
            var units = evt.Lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
            S.SalesByMinute[minute] = S.SalesByMinute.GetValueOrDefault(minute) + (sign * units);
            _salesChanged = true;
        }

        return Task.CompletedTask;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }

        try
        {
            await WriteUnsavedAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // A write that committed but whose answer was lost (the database restarted under a round, and the round's
            // retry met its own new version) leaves this activation a version behind. The stored row lacks at most
            // the events since: read it back, apply those again (what it already holds is skipped), write again.
            var pending = _unsaved.ToList();
            _unsaved.Clear();
            await affinity.ReadStateAsync(cancellationToken);
            foreach (var evt in pending.Where(e => !S.Applied.Contains(e.EventId)))
            {
                await ApplyAsync(evt);
            }

            _salesChanged = true;
            await WriteUnsavedAsync(cancellationToken);
        }
    }

    private async Task WriteUnsavedAsync(CancellationToken cancellationToken)
    {
        var writing = _unsaved.Count;
        await affinity.WriteStateAsync(cancellationToken);
        _unsaved.RemoveRange(0, writing);
    }

    private async Task ReportSalesAsync(CancellationToken cancellationToken)
    {
        if (!_salesChanged)
        {
            return;
        }

        var oldest = (clock.GetUtcNow() - _options.TrendingWindow).ToUnixTimeSeconds() / 60;
        foreach (var stale in S.SalesByMinute.Keys.Where(m => m < oldest).ToList())
        {
            S.SalesByMinute.Remove(stale);
        }

        _salesChanged = false;
        await GrainFactory.Grain<ITrendingGrain>(0).ReportAsync(this.GetPrimaryKeyString(),
            [.. S.SalesByMinute.Select(p => new MinuteSales(p.Key, p.Value))]);
    }
}
