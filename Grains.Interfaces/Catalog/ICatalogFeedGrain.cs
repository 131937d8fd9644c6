namespace Ecommerce.Catalog;

/// <summary>
/// The catalog's change feed (the single key 0): product grains publish every change here, and each API process's
/// search read model subscribes as an observer. Changes carry a sequence, so a process that missed a push (or just
/// started) catches up with <see cref="ChangesSinceAsync"/> or, if it fell too far behind, rebuilds.
/// </summary>
[Alias("ecommerce.catalog.ICatalogFeedGrain")]
public interface ICatalogFeedGrain : IGrainWithIntegerKey
{
    [Alias("Publish")]
    Task PublishAsync(IReadOnlyList<Product> products);

    /// <summary>A SKU's units available changed (stock grains report at most about once a second each).</summary>
    [Alias("PublishAvailability"), OneWay]
    Task PublishAvailabilityAsync(Availability availability);

    /// <summary>Subscribes (or renews) an observer; returns the feed's position, from which its pushes continue.</summary>
    [Alias("Subscribe")]
    Task<FeedPosition> SubscribeAsync(ICatalogObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ICatalogObserver observer);

    /// <summary>Changes after a position; null when the feed no longer has them all (another epoch, or too old).</summary>
    [Alias("ChangesSince"), ReadOnly]
    Task<CatalogChange?> ChangesSinceAsync(FeedPosition position);
}

/// <summary>Receives catalog changes, pushed as they happen.</summary>
[Alias("ecommerce.catalog.ICatalogObserver")]
public interface ICatalogObserver : IGrainObserver
{
    [Alias("OnChanged"), OneWay]
    Task OnChangedAsync(CatalogChange change);
}

/// <summary>Where a reader of the feed stands. The epoch changes when the feed restarts with an empty history.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.catalog.FeedPosition")]
public sealed record FeedPosition(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Sequence);

/// <summary>Everything that changed from <see cref="From"/> (exclusive) to <see cref="To"/> (inclusive).</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.catalog.CatalogChange")]
public sealed record CatalogChange(
    [property: Id(0)] FeedPosition From,
    [property: Id(1)] FeedPosition To,
    [property: Id(2)] IReadOnlyList<Product> Products,
    [property: Id(3)] IReadOnlyList<Availability> Availability);

[GenerateSerializer, Immutable, Alias("ecommerce.catalog.Availability")]
public sealed record Availability(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Available,
    [property: Id(2)] int StockVersion);
