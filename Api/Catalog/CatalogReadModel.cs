using System.Collections.Concurrent;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// Keeps this process's <see cref="CatalogIndex"/> in step with the cluster: it subscribes to the catalog feed,
/// loads the whole catalog from the shards (buffering pushes meanwhile), then applies each pushed change, evicts the
/// cached reads it touches, and refreshes the searcher every few milliseconds while changes arrive. A push missed or
/// out of sequence is caught up from the feed; a feed that lost its history means a rebuild. Ready once loaded.
/// </summary>
public sealed partial class CatalogReadModel(
    IClusterClient cluster,
    CatalogIndex index,
    IOutputCacheStore cache,
    ILogger<CatalogReadModel> logger) : BackgroundService, ICatalogObserver
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);

    /// <summary>A load this big (a rebuild, a bulk import) leaves segments worth merging, once the feed is quiet.</summary>
    private const int BulkChanges = 10_000;
    private static readonly TimeSpan QuietBeforeMerge = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Availability> _availability = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _evict = new();
    private ICatalogObserver? _self;
    private FeedPosition? _position;
    private List<CatalogChange>? _buffered;
    private volatile bool _catchUp;
    private int _changedSinceMerge;
    private DateTime _lastChange = DateTime.MinValue;
    private Task _merging = Task.CompletedTask;

    public bool Ready { get; private set; }

    /// <summary>Units available as last announced by the stock grain, when this process has heard.</summary>
    public int? AvailableOf(string sku) => _availability.TryGetValue(sku, out var a) ? a.Available : null;

    /// <summary>Units available as last announced; a SKU this process has not heard of yet is asked once.</summary>
    public async ValueTask<int> AvailableAsync(string sku)
    {
        if (AvailableOf(sku) is { } available)
        {
            return available;
        }

        var level = await cluster.Grain<IStockGrain>(sku).GetAsync();
        RememberAvailability(level);
        return level.Available;
    }

    /// <summary>
    /// True when the catalog is loaded and holds no such product: an unknown SKU is answered without activating a
    /// grain for it. False while loading (then the grains decide).
    /// </summary>
    public bool IsUnknown(string sku) => Ready && index.Get(sku) is null;

    /// <summary>A product this process's catalog holds.</summary>
    public Product? Find(string sku) => index.Get(sku);

    /// <summary>A write through this process is known here at once, before the feed brings it back.</summary>
    public void Remember(Product product) => index.Upsert([product]);

    public void RememberAvailability(StockLevel level) => Remember(new Availability(level.Sku, level.Available, level.Version));

    /// <summary>Announcements can arrive out of order: the newest stock version wins.</summary>
    private void Remember(Availability availability) =>
        _availability.AddOrUpdate(availability.Sku, availability, (_, known) => known.StockVersion >= availability.StockVersion ? known : availability);

    public Task OnChangedAsync(CatalogChange change)
    {
        lock (_gate)
        {
            if (_buffered is not null)
            {
                _buffered.Add(change);
                return Task.CompletedTask;
            }

            Apply(change);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _self = cluster.CreateObjectReference<ICatalogObserver>(this);
        var feed = cluster.Grain<ICatalogFeedGrain>(0);
        var renewAt = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_position is null)
                {
                    await RebuildAsync(feed, stoppingToken);
                    renewAt = DateTime.UtcNow + RenewInterval;
                }
                else if (_catchUp || DateTime.UtcNow >= renewAt)
                {
                    await RenewAsync(feed);
                    renewAt = DateTime.UtcNow + RenewInterval;
                }

                index.RefreshIfChanged();
                await EvictPendingAsync(stoppingToken);
                MergeAfterBulkChanges();

                await Task.Delay(RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFeedFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_self is not null)
        {
            try
            {
                await cluster.Grain<ICatalogFeedGrain>(0).UnsubscribeAsync(_self).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFeedFailed(ex);
            }

            try
            {
                cluster.DeleteObjectReference<ICatalogObserver>(_self);
            }
            catch (ArgumentException)
            {
                // The client shuts down on the host's stopping signal too and may have dropped its local objects first.
            }
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task RebuildAsync(ICatalogFeedGrain feed, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        lock (_gate)
        {
            _buffered = [];
        }

        // Announcements lost with the feed's history may include a restock: what is known afresh is asked again.
        _availability.Clear();

        var position = await feed.SubscribeAsync(_self!);
        var loaded = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, CatalogShards.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (shard, _) =>
            {
                var products = await cluster.Grain<ICatalogShardGrain>(shard).ListAsync();
                index.Upsert(products);
                Interlocked.Add(ref loaded, products.Count);
            });
        lock (_gate)
        {
            _position = position;
            foreach (var change in _buffered!)
            {
                Apply(change);
            }

            _buffered = null;
        }

        index.RefreshIfChanged();
        Ready = true;
        LogRebuilt(loaded, (DateTime.UtcNow - started).TotalMilliseconds, index.Segments);
        Interlocked.Add(ref _changedSinceMerge, loaded);
    }

    /// <summary>
    /// After a rebuild or a bulk import, once the feed has been quiet for a moment: merges the index into one segment
    /// in the background (searches go on, and are faster over the merged index once the loop's refresh picks it up).
    /// </summary>
    private void MergeAfterBulkChanges()
    {
        if (_merging.IsCompleted && Volatile.Read(ref _changedSinceMerge) >= BulkChanges && DateTime.UtcNow - _lastChange >= QuietBeforeMerge)
        {
            Interlocked.Exchange(ref _changedSinceMerge, 0);
            _merging = Task.Run(Merge, CancellationToken.None);
        }
    }

    private void Merge()
    {
        try
        {
            var started = DateTime.UtcNow;
            index.MergeSegments();
            LogMerged(index.Count, (DateTime.UtcNow - started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogMergeFailed(ex);
        }
    }

    /// <summary>Renews the subscription and fetches what pushes did not bring; a lost history means a rebuild.</summary>
    private async Task RenewAsync(ICatalogFeedGrain feed)
    {
        _catchUp = false;
        var now = await feed.SubscribeAsync(_self!);
        FeedPosition known;
        lock (_gate)
        {
            known = _position!;
        }

        if (now.Epoch == known.Epoch && now.Sequence <= known.Sequence)
        {
            return;
        }

        var missed = now.Epoch == known.Epoch ? await feed.ChangesSinceAsync(known) : null;
        lock (_gate)
        {
            if (missed is null)
            {
                _position = null;
                return;
            }

            Apply(missed);
        }
    }

    /// <summary>Called under the gate.</summary>
    private void Apply(CatalogChange change)
    {
        var position = _position!;
        if (change.To.Epoch != position.Epoch || change.From.Sequence > position.Sequence)
        {
            // A push went missing (or the feed restarted): fetch what is missing before applying anything newer.
            _catchUp = true;
            return;
        }

        if (change.To.Sequence <= position.Sequence)
        {
            return;
        }

        index.Upsert(change.Products);
        if (change.Products.Count > 0)
        {
            Interlocked.Add(ref _changedSinceMerge, change.Products.Count);
            _lastChange = DateTime.UtcNow;
        }

        foreach (var a in change.Availability)
        {
            Remember(a);
        }

        foreach (var sku in change.Products.Select(p => p.Sku).Concat(change.Availability.Select(a => a.Sku)))
        {
            _evict.Enqueue(sku);
        }

        _position = change.To;
    }

    /// <summary>Cached reads of what changed go, once the change is searchable too.</summary>
    private async Task EvictPendingAsync(CancellationToken cancellationToken)
    {
        while (_evict.TryDequeue(out var sku))
        {
            await cache.EvictByTagAsync(CachedReads.TagOf(sku), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Catalog index loaded: {Products} products in {Milliseconds:F0} ms ({Segments} segments)")]
    private partial void LogRebuilt(int products, double milliseconds, int segments);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Catalog index merged into one segment: {Products} products in {Milliseconds:F0} ms")]
    private partial void LogMerged(int products, double milliseconds);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Catalog index merge failed; searches go on over its segments")]
    private partial void LogMergeFailed(Exception error);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Catalog feed not reachable; retrying")]
    private partial void LogFeedFailed(Exception error);
}
