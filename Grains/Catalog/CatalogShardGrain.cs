using Ecommerce.Catalog;
using Ecommerce.Inventory;

namespace Ecommerce.Grains.Catalog;

public sealed class CatalogShardGrain(
    [PersistentState("catalog", ProviderNames.Storage)] IPersistentState<CatalogShardState> shard) : Grain, ICatalogShardGrain
{
    public async Task PutAsync(Product product)
    {
        // Writes can arrive out of order when an admin edits quickly: the newest version wins.
        if (shard.State.Products.TryGetValue(product.Sku, out var known) && known.Version >= product.Version)
        {
            return;
        }

        shard.State.Products[product.Sku] = product;
        await shard.WriteStateAsync();
    }

    public async Task<ImportResult> ImportAsync(IReadOnlyList<ProductImport> products)
    {
        var results = await Task.WhenAll(products.Select(async p =>
        {
            var result = await GrainFactory.Grain<IProductGrain>(p.Sku).ImportAsync(p.Details);
            if (p.OnHand is { } onHand)
            {
                await GrainFactory.Grain<IStockGrain>(p.Sku).SetOnHandAsync(onHand);
            }

            return result;
        }));
        foreach (var result in results)
        {
            shard.State.Products[result.Product.Sku] = result.Product;
        }

        await shard.WriteStateAsync();
        await GrainFactory.Grain<ICatalogFeedGrain>(0).PublishAsync([.. results.Select(r => r.Product)]);
        return new ImportResult(results.Length, results.Count(r => r.Created));
    }

    public Task<IReadOnlyList<Product>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Product>>([.. shard.State.Products.Values]);
}
