using Ecommerce.Recommendations;

namespace Ecommerce.Grains.Recommendations;

/// <summary>Trending over a sliding window, from the products' periodic sales reports; reads are in memory.</summary>
public sealed class TrendingGrain(
    [PersistentState("trending", ProviderNames.Storage)] IPersistentState<TrendingState> trending,
    IOptions<RecommendationOptions> options,
    TimeProvider clock) : Grain, ITrendingGrain
{
    public async Task ReportAsync(string sku, IReadOnlyList<MinuteSales> sales)
    {
        trending.State.Sales[sku] = sales;
        await trending.WriteStateAsync();
    }

    public Task<IReadOnlyList<ScoredSku>> GetAsync(int limit)
    {
        var oldest = OldestMinute();
        IReadOnlyList<ScoredSku> top = [.. trending.State.Sales
            .Select(p => new ScoredSku(p.Key, Units(p.Value, oldest)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Sku, StringComparer.Ordinal)
            .Take(limit)];
        return Task.FromResult(top);
    }

    public Task<long> GetUnitsAsync(string sku) =>
        Task.FromResult(trending.State.Sales.TryGetValue(sku, out var sales) ? Units(sales, OldestMinute()) : 0);

    private long OldestMinute() => (clock.GetUtcNow() - options.Value.TrendingWindow).ToUnixTimeSeconds() / 60;

    private static long Units(IReadOnlyList<MinuteSales> sales, long oldest) => sales.Where(m => m.Minute >= oldest).Sum(m => (long)m.Units);
}
