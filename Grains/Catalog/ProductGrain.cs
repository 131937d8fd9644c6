using Ecommerce.Catalog;
using Ecommerce.Inventory;

namespace Ecommerce.Grains.Catalog;

public sealed class ProductGrain(
    [PersistentState("product", ProviderNames.Storage)] IPersistentState<ProductState> product,
    TimeProvider clock) : Grain, IProductGrain
{
    public async Task<UpsertProductResult> UpsertAsync(ProductDetails details)
    {
        var result = await ImportAsync(details);
        await GrainFactory.Grain<ICatalogShardGrain>(CatalogShards.Of(result.Product.Sku)).PutAsync(result.Product);
        await GrainFactory.Grain<ICatalogFeedGrain>(0).PublishAsync([result.Product]);
        return result;
    }

    public async Task<UpsertProductResult> ImportAsync(ProductDetails details)
    {
        var sku = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var existing = product.State.Product;
        var updated = existing is null
            ? new Product(sku, details, now, now, Version: 1)
            : existing with { Details = details, UpdatedAt = now, Version = existing.Version + 1 };

        product.State.Product = updated;
        await product.WriteStateAsync();

        // The stock grain enforces the terms on its hot path, so it holds its own copy rather than asking here per
        // order. A new product without terms needs no call: no terms is what a stock grain starts with.
        var terms = new SaleTerms(details.MaxPerCustomer, details.AvailableFrom);
        var before = existing is null ? new SaleTerms(null, null) : new SaleTerms(existing.Details.MaxPerCustomer, existing.Details.AvailableFrom);
        if (terms != before)
        {
            await GrainFactory.Grain<IStockGrain>(sku).SetTermsAsync(terms);
        }

        return new UpsertProductResult(Created: existing is null, updated);
    }

    public Task<Product?> GetAsync() => Task.FromResult(product.State.Product);
}
