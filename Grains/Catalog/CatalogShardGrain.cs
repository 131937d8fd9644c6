using Ecommerce.Catalog;
using Ecommerce.Inventory;

namespace Ecommerce.Grains.Catalog;

/// <summary>
/// One slice of the catalog listing. It writes only its head, sealing it into a page grain once it holds
/// <see cref="PageSize"/> products: a write costs the head's size, where writing the whole shard made a bulk load
/// quadratic (at a million products, every 1,000-product import call rewrote 256 shards of about 4,000 products each).
/// </summary>
public sealed class CatalogShardGrain(
    [PersistentState("catalog", ProviderNames.Storage)] IPersistentState<CatalogShardState> shard) : Grain, ICatalogShardGrain
{
    public const int PageSize = 128;

    /// <summary>Every product of the shard at its newest version: the sealed pages merged with the head.</summary>
    private readonly Dictionary<string, Product> _all = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, shard.State.Pages)
            .Select(p => GrainFactory.Grain<ICatalogPageGrain>(CatalogPages.KeyOf(this.GetPrimaryKeyLong(), p)).ListAsync()));
        foreach (var product in pages.SelectMany(p => p).Concat(shard.State.Head.Values))
        {
            if (!_all.TryGetValue(product.Sku, out var known) || known.Version < product.Version)
            {
                _all[product.Sku] = product;
            }
        }
    }

    public async Task PutAsync(Product product)
    {
        // Writes can arrive out of order when an admin edits quickly: the newest version wins.
        if (Keep(product))
        {
            await WriteAsync();
        }
    }

    public async Task<ImportResult> ImportAsync(IReadOnlyList<ProductImport> products)
    {
        var results = await Task.WhenAll(products.Select(async p =>
        {
            var result = await GrainFactory.Grain<IProductGrain>(p.Sku).ImportAsync(p.Details, assumeNew: !_all.ContainsKey(p.Sku));
            if (p.OnHand is { } onHand)
            {
                await GrainFactory.Grain<IStockGrain>(p.Sku).SetOnHandAsync(onHand);
            }

            return result;
        }));
        foreach (var result in results)
        {
            Keep(result.Product);
        }

        await WriteAsync();
        await GrainFactory.Grain<ICatalogFeedGrain>(0).PublishAsync([.. results.Select(r => r.Product)]);
        return new ImportResult(results.Length, results.Count(r => r.Created));
    }

    public Task<IReadOnlyList<Product>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Product>>([.. _all.Values]);

    /// <summary>Takes a product into the listing and the head unless a newer version is already known.</summary>
    private bool Keep(Product product)
    {
        if (_all.TryGetValue(product.Sku, out var known) && known.Version >= product.Version)
        {
            return false;
        }

        _all[product.Sku] = product;
        shard.State.Head[product.Sku] = product;
        return true;
    }

    private async Task WriteAsync()
    {
        while (shard.State.Head.Count >= PageSize)
        {
            // Page first, then the shard that counts it: a crash in between leaves the head intact and the page
            // number free, to be sealed again.
            var sealing = shard.State.Head.Values.OrderBy(p => p.Sku, StringComparer.Ordinal).Take(PageSize).ToList();
            await GrainFactory.Grain<ICatalogPageGrain>(CatalogPages.KeyOf(this.GetPrimaryKeyLong(), shard.State.Pages)).SealAsync(sealing);
            foreach (var product in sealing)
            {
                shard.State.Head.Remove(product.Sku);
            }

            shard.State.Pages++;
        }

        await shard.WriteStateAsync();
    }
}
