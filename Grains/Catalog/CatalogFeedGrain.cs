using Ecommerce.Catalog;
using Orleans.Utilities;

namespace Ecommerce.Grains.Catalog;

/// <summary>
/// Pushes catalog changes to every subscribed search read model. It keeps a window of recent changes in memory only:
/// the products themselves are durable in their grains, and a reader that finds a gap rebuilds from the catalog.
/// </summary>
public sealed partial class CatalogFeedGrain(ILogger<CatalogFeedGrain> logger) : Grain, ICatalogFeedGrain
{
    /// <summary>How many changes a reader may fall behind and still catch up without a rebuild.</summary>
    private const int Window = 50_000;

    private readonly Guid _epoch = Guid.NewGuid();
    private readonly LinkedList<(long Sequence, Product? Product, Availability? Availability)> _recent = new();
    private readonly ObserverManager<ICatalogObserver> _observers = new(TimeSpan.FromMinutes(2), logger);
    private long _sequence;

    public Task PublishAsync(IReadOnlyList<Product> products)
    {
        var from = Position();
        foreach (var product in products)
        {
            Remember(product, null);
        }

        Push(new CatalogChange(from, Position(), products, []));
        return Task.CompletedTask;
    }

    public Task PublishAvailabilityAsync(Availability availability)
    {
        var from = Position();
        Remember(null, availability);
        Push(new CatalogChange(from, Position(), [], [availability]));
        return Task.CompletedTask;
    }

    public Task<FeedPosition> SubscribeAsync(ICatalogObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(Position());
    }

    public Task UnsubscribeAsync(ICatalogObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<CatalogChange?> ChangesSinceAsync(FeedPosition position)
    {
        var oldest = _recent.First?.Value.Sequence ?? _sequence + 1;
        if (position.Epoch != _epoch || position.Sequence < oldest - 1 || position.Sequence > _sequence)
        {
            return Task.FromResult<CatalogChange?>(null);
        }

        var newer = _recent.Where(r => r.Sequence > position.Sequence).ToList();
        return Task.FromResult<CatalogChange?>(new CatalogChange(position, Position(),
            [.. newer.Select(r => r.Product).OfType<Product>()], [.. newer.Select(r => r.Availability).OfType<Availability>()]));
    }

    private FeedPosition Position() => new(_epoch, _sequence);

    private void Remember(Product? product, Availability? availability)
    {
        _recent.AddLast((++_sequence, product, availability));
        if (_recent.Count > Window)
        {
            _recent.RemoveFirst();
        }
    }

    private void Push(CatalogChange change)
    {
        // One-way calls: a slow or vanished reader never holds up the catalog; it catches up by sequence.
        _observers.Notify(o => o.OnChangedAsync(change));
    }
}
