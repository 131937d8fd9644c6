using System.Collections.Concurrent;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// Keeps this process's <see cref="CatalogIndex"/> in step with the cluster: it subscribes to the catalog feed,
/// loads the whole catalog from the shards (buffering pushes meanwhile), then applies each pushed change, evicts the
/// cached reads it touches, and publishes the changes to searches every few milliseconds while they arrive. A push missed
/// or out of sequence is caught up from the feed; a feed that lost its history means a rebuild. Ready once loaded. With
/// a snapshot path, it starts from the snapshot there when the feed still holds every change since (and keeps the
/// snapshot current, at most once per interval, once the feed is quiet).
/// </summary>
public sealed partial class CatalogReadModel(
    IClusterClient cluster,
    CatalogIndex index,
    IOutputCacheStore cache,
    IOptions<CatalogOptions> options,
    ILogger<CatalogReadModel> logger) : BackgroundService, ICatalogObserver
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);

    /// <summary>A load this big (a rebuild, a bulk import) is worth compacting and a snapshot at once, when the feed is quiet.</summary>
    private const int BulkChanges = 10_000;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Availability> _availability = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _evict = new();
    private ICatalogObserver? _self;
    private FeedPosition? _position;
    private List<CatalogChange>? _buffered;
    private volatile bool _catchUp;
    private int _changedSinceCompact;
    private int _changedSinceSnapshot;
    private DateTime _lastChange = DateTime.MinValue;
    private DateTime _lastSnapshot = DateTime.MinValue;
    private Task _saving = Task.CompletedTask;

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
                CompactAfterBulkChanges();
                SaveSnapshotWhenDue();

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
        var (loaded, source) = (0, "shards");
        CatalogChange? missed = null;
        if (options.Value.SnapshotPath is { } path && CatalogSnapshot.Load(path) is { } snapshot
            && (missed = await feed.ChangesSinceAsync(snapshot.Position)) is not null)
        {
            // The feed holds every change since the snapshot: it and those changes are the catalog now.
            index.Upsert(snapshot.Products);
            (position, loaded, source) = (snapshot.Position, snapshot.Products.Length, "snapshot");
        }
        else
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, CatalogShards.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (shard, _) =>
                {
                    var products = await cluster.Grain<ICatalogShardGrain>(shard).ListAsync();
                    index.Upsert(products);
                    Interlocked.Add(ref loaded, products.Count);
                });
            Interlocked.Add(ref _changedSinceSnapshot, loaded);
        }

        lock (_gate)
        {
            _position = position;
            if (missed is not null)
            {
                Apply(missed);
            }

            foreach (var change in _buffered!)
            {
                Apply(change);
            }

            _buffered = null;
        }

        index.RefreshIfChanged();
        index.Compact();
        Ready = true;
        LogRebuilt(loaded, source, (DateTime.UtcNow - started).TotalMilliseconds);
    }

    /// <summary>After a bulk import, once the feed has been quiet for a moment: drops the spare room of the index's lists.</summary>
    private void CompactAfterBulkChanges()
    {
        if (Volatile.Read(ref _changedSinceCompact) >= BulkChanges && DateTime.UtcNow - _lastChange >= Quiet)
        {
            Interlocked.Exchange(ref _changedSinceCompact, 0);
            index.Compact();
        }
    }

    /// <summary>
    /// Saves the snapshot in the background once the feed is quiet: after a bulk change at once, otherwise at most once
    /// per interval. The products and the position are taken together, under the gate changes are applied under.
    /// </summary>
    private void SaveSnapshotWhenDue()
    {
        var changed = Volatile.Read(ref _changedSinceSnapshot);
        if (options.Value.SnapshotPath is not { } path || changed == 0 || !_saving.IsCompleted || DateTime.UtcNow - _lastChange < Quiet
            || (changed < BulkChanges && DateTime.UtcNow - _lastSnapshot < options.Value.SnapshotInterval))
        {
            return;
        }

        FeedPosition position;
        IReadOnlyCollection<Product> products;
        lock (_gate)
        {
            if (_position is null)
            {
                return;
            }

            position = _position;
            products = index.Products();
            Interlocked.Exchange(ref _changedSinceSnapshot, 0);
        }

        _lastSnapshot = DateTime.UtcNow;
        _saving = Task.Run(() =>
        {
            try
            {
                var started = DateTime.UtcNow;
                CatalogSnapshot.Save(path, position, products);
                LogSnapshotSaved(products.Count, path, (DateTime.UtcNow - started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogSnapshotFailed(ex, path);
            }
        }, CancellationToken.None);
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
            Interlocked.Add(ref _changedSinceCompact, change.Products.Count);
            Interlocked.Add(ref _changedSinceSnapshot, change.Products.Count);
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

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Catalog index loaded: {Products} products from the {Source} in {Milliseconds:F0} ms")]
    private partial void LogRebuilt(int products, string source, double milliseconds);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Catalog snapshot saved: {Products} products to {Path} in {Milliseconds:F0} ms")]
    private partial void LogSnapshotSaved(int products, string path, double milliseconds);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Catalog snapshot could not be saved to {Path}")]
    private partial void LogSnapshotFailed(Exception error, string path);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Catalog feed not reachable; retrying")]
    private partial void LogFeedFailed(Exception error);
}
