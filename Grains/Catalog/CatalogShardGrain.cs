using Ecommerce.Catalog;

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

    public Task<IReadOnlyList<Product>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Product>>([.. shard.State.Products.Values]);
}
