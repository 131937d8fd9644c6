using Ecommerce.Carts;
using Ecommerce.Catalog;

namespace Ecommerce.Grains.Carts;

/// <summary>A cart keeps SKUs and quantities only; names and prices are read fresh, so a cart never shows a stale price.</summary>
public sealed class CartGrain(
    [PersistentState("cart", ProviderNames.Storage)] IPersistentState<CartState> cart) : Grain, ICartGrain
{
    public Task<CartView> GetAsync() => PriceAsync();

    public async Task<CartChangeResult> SetItemAsync(string sku, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var product = await GrainFactory.Grain<IProductGrain>(sku).GetAsync();
        var current = await PriceAsync();
        if (product is null)
        {
            return new CartChangeResult(CartChange.UnknownProduct, current);
        }

        if (current.Currency is { } currency && cart.State.Items.Any(i => i.Sku != sku)
            && !string.Equals(currency, product.Details.Currency, StringComparison.Ordinal))
        {
            return new CartChangeResult(CartChange.CurrencyMismatch, current);
        }

        var item = cart.State.Items.Find(i => i.Sku == sku);
        if (item is null && cart.State.Items.Count >= CartLimits.MaxLines)
        {
            return new CartChangeResult(CartChange.TooManyLines, current);
        }

        if (item is null)
        {
            cart.State.Items.Add(new CartItem { Sku = sku, Quantity = quantity });
        }
        else
        {
            item.Quantity = quantity;
        }

        await cart.WriteStateAsync();
        return new CartChangeResult(CartChange.Updated, await GetAsync());
    }

    public async Task<CartView> RemoveItemAsync(string sku)
    {
        if (cart.State.Items.RemoveAll(i => i.Sku == sku) > 0)
        {
            await cart.WriteStateAsync();
        }

        return await GetAsync();
    }

    public async Task ClearAsync()
    {
        if (cart.State.Items.Count > 0)
        {
            cart.State.Items.Clear();
            await cart.WriteStateAsync();
        }
    }

    public async Task RemoveOrderedAsync(Guid orderId, IReadOnlyList<CartLineOrdered> lines)
    {
        if (cart.State.CheckedOut.Contains(orderId))
        {
            return;
        }

        cart.State.CheckedOut.Add(orderId);
        if (cart.State.CheckedOut.Count > CartState.CheckoutsKept)
        {
            cart.State.CheckedOut.RemoveAt(0);
        }

        foreach (var ordered in lines)
        {
            if (cart.State.Items.Find(i => i.Sku == ordered.Sku) is not { } item)
            {
                continue;
            }

            item.Quantity -= ordered.Quantity;
            if (item.Quantity <= 0)
            {
                cart.State.Items.Remove(item);
            }
        }

        await cart.WriteStateAsync();
    }

    private async Task<CartView> PriceAsync()
    {
        var products = await Task.WhenAll(
            cart.State.Items.Select(i => GrainFactory.Grain<IProductGrain>(i.Sku).GetAsync()));
        var lines = new List<CartLine>(products.Length);
        for (var i = 0; i < products.Length; i++)
        {
            // A product can't be deleted today, but a cart must never fail to show because one went missing.
            if (products[i] is { } product)
            {
                var quantity = cart.State.Items[i].Quantity;
                var price = product.Details.Price;
                lines.Add(new CartLine(product.Sku, product.Details.Name, quantity, price, price * quantity));
            }
        }

        var currency = products.FirstOrDefault(p => p is not null)?.Details.Currency;
        return new CartView(lines, lines.Sum(l => l.LineTotal), currency);
    }
}
