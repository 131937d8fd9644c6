using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Ecommerce.Recommendations;

namespace Ecommerce.Grains.Recommendations;

/// <summary>
/// "Bought together" for one product, fed by confirmations and cancellations of orders that hold it. A hot product
/// gets every order of a flash sale, one event after another: events are applied in memory and the counts written
/// once a second, so the sale never waits on them (derived data: a silo crash can lose the last second of counts).
/// Its recent sales go to the trending grain in small periodic reports rather than one call per order.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.ByProduct)]
public sealed class ProductAffinityGrain(
    [PersistentState("affinity", ProviderNames.Storage)] IPersistentState<ProductAffinityState> affinity,
    IOptions<RecommendationOptions> options,
    TimeProvider clock) : OrderEventConsumer, IProductAffinityGrain
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private bool _dirty;
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
        _dirty = true;
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
        if (_dirty)
        {
            _dirty = false;
            await affinity.WriteStateAsync(cancellationToken);
        }
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
