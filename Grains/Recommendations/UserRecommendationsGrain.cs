using Ecommerce.Grains.Streaming;
using Ecommerce.Orders;
using Ecommerce.Recommendations;

namespace Ecommerce.Grains.Recommendations;

/// <summary>
/// A user's recommendations: what others bought together with what this user bought, minus what the user has.
/// Computed shortly after the user's own purchases change (once for a burst of orders), so a read is a lookup.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.ByUser)]
public sealed class UserRecommendationsGrain(
    [PersistentState("recommended", ProviderNames.Storage)] IPersistentState<UserRecommendationsState> recommended,
    TimeProvider clock)
    : OrderEventConsumer, IUserRecommendationsGrain
{
    private const int Kept = 50;
    private static readonly TimeSpan RecomputeDelay = TimeSpan.FromMilliseconds(500);
    private IGrainTimer? _recomputeTimer;

    private UserRecommendationsState S => recommended.State;

    protected override RecentEventIds Applied => S.Applied;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        S.Purchases.Import(S.Orders, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetAsync(int limit) =>
        Task.FromResult<IReadOnlyList<string>>([.. S.Recommended.Take(limit)]);

    protected override Task ApplyAsync(OrderEvent evt)
    {
        var sign = S.Purchases.Apply(evt, clock.GetUtcNow(), out var recorded);
        if (!recorded)
        {
            // Nothing changes: a placement, a repeat, or a confirmation that arrives after its cancellation.
            return Task.CompletedTask;
        }

        S.Applied.Add(evt.EventId);
        if (sign != 0)
        {
            foreach (var line in evt.Lines)
            {
                var units = S.Purchased.GetValueOrDefault(line.Sku) + (sign * line.Quantity);
                if (units > 0)
                {
                    S.Purchased[line.Sku] = units;
                }
                else
                {
                    S.Purchased.Remove(line.Sku);
                }
            }
        }

        // Written with the recompute, once for a burst of purchases, as the product affinities flush once a second:
        // these are derived figures, and a write per order was one more database transaction on the order path.
        _recomputeTimer ??= this.RegisterGrainTimer(RecomputeAsync, new GrainTimerCreationOptions(RecomputeDelay, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_recomputeTimer is not null)
        {
            await RecomputeAsync();
        }
    }

    private async Task RecomputeAsync()
    {
        // Disposing the one-shot timer first lets a purchase during the recompute schedule the next one; it also
        // cancels the token Orleans hands the callback, so the write below must not take that token.
        _recomputeTimer?.Dispose();
        _recomputeTimer = null;
        S.Recommended = await ComputeAsync();
        await StoreAsync(() => recommended.WriteStateAsync());
    }

    /// <summary>Scores every SKU bought together with the user's top purchases; the user's own purchases are left out.</summary>
    private async Task<List<string>> ComputeAsync()
    {
        var basis = S.Purchased.OrderByDescending(p => p.Value).Take(10).Select(p => p.Key).ToList();
        var lists = await Task.WhenAll(basis.Select(sku => GrainFactory.Grain<IProductAffinityGrain>(sku).GetBoughtTogetherAsync(Kept)));
        return [.. lists.SelectMany(l => l)
            .Where(s => !S.Purchased.ContainsKey(s.Sku))
            .GroupBy(s => s.Sku, StringComparer.Ordinal)
            .Select(g => (Sku: g.Key, Score: g.Sum(s => s.Score)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Sku, StringComparer.Ordinal)
            .Take(Kept)
            .Select(s => s.Sku)];
    }
}
