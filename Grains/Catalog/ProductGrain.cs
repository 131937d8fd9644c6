using Ecommerce.Catalog;
using Ecommerce.Grains.Hosting;
using Ecommerce.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ecommerce.Grains.Catalog;

public sealed class ProductGrain(
    [FromKeyedServices(ProviderNames.Storage)] IGrainStorage storage,
    TimeProvider clock) : Grain, IProductGrain
{
    private LazyState<ProductState> _product = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _product = new LazyState<ProductState>(storage, "product", this.GetGrainId());
        return Task.CompletedTask;
    }

    public async Task<UpsertProductResult> UpsertAsync(ProductDetails details)
    {
        var result = await ImportAsync(details, assumeNew: false);
        await GrainFactory.Grain<ICatalogShardGrain>(CatalogShards.Of(result.Product.Sku)).PutAsync(result.Product);
        await GrainFactory.Grain<ICatalogFeedGrain>(0).PublishAsync([result.Product]);
        return result;
    }

    public async Task<UpsertProductResult> ImportAsync(ProductDetails details, bool assumeNew)
    {
        var assumed = assumeNew && !_product.Loaded;
        if (assumed)
        {
            // The importing shard has never listed this SKU: skip the read a bulk load would pay per new product.
            _product.AssumeNew();
        }
        else
        {
            await _product.LoadAsync();
        }

        var sku = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var existing = _product.State.Product;
        var updated = existing is null
            ? new Product(sku, details, now, now, Version: 1)
            : existing with { Details = details, UpdatedAt = now, Version = existing.Version + 1 };

        _product.State.Product = updated;
        try
        {
            await _product.WriteAsync();
        }
        catch (InconsistentStateException) when (assumed)
        {
            // It existed after all (its shard missed it: a crash between the two writes). Read it and apply again.
            await _product.ReloadAsync();
            return await ImportAsync(details, assumeNew: false);
        }

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

    public async Task<Product?> GetAsync()
    {
        await _product.LoadAsync();
        return _product.State.Product;
    }
}
