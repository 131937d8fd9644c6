using Ecommerce.Catalog;

namespace Ecommerce.Grains.Catalog;

public sealed class CatalogPageGrain(
    [PersistentState("catalog-page", ProviderNames.Storage)] IPersistentState<CatalogPageState> page) : Grain, ICatalogPageGrain
{
    public async Task SealAsync(IReadOnlyList<Product> products)
    {
        // Sealing again replaces the page: a shard that died between sealing and recording the seal seals its head
        // again under the same number, and its head still holds every product of the first attempt.
        page.State.Products = [.. products];
        await page.WriteStateAsync();

        // The shard keeps what it listed in memory; nobody needs this activation until the shard activates again.
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<Product>> ListAsync()
    {
        DeactivateOnIdle();
        return Task.FromResult<IReadOnlyList<Product>>(page.State.Products);
    }
}
