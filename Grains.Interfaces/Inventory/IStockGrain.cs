namespace Ecommerce.Inventory;

/// <summary>
/// The stock of one SKU. Every decision about its units is taken inside this grain's turn, which is what makes an
/// oversell impossible without locks; a call that changes stock answers only once its decision is durable. Every call
/// that names an order is idempotent for that order.
/// </summary>
[Alias("ecommerce.inventory.IStockGrain")]
public interface IStockGrain : IGrainWithStringKey
{
    /// <summary>Sets the units that can still be reserved or sold, beside those already sold.</summary>
    [Alias("SetOnHand")]
    Task<SetOnHandResult> SetOnHandAsync(int unsoldUnits);

    [Alias("SetTerms")]
    Task SetTermsAsync(SaleTerms terms);

    /// <summary>Takes units out of available for an order until it is confirmed, released or expires.</summary>
    [Alias("Reserve")]
    Task<ReserveResult> ReserveAsync(ReserveRequest request);

    /// <summary>Turns the order's reservation into sold units; false when it no longer holds one (it expired).</summary>
    [Alias("Confirm")]
    Task<bool> ConfirmAsync(Guid orderId);

    /// <summary>
    /// Gives back whatever an order that did not end confirmed holds here: reserved units, or units it confirmed
    /// here before another of its lines failed. A no-op when it holds none.
    /// </summary>
    [Alias("Release")]
    Task ReleaseAsync(Guid orderId);

    /// <summary>Puts the sold units of a cancelled, durably confirmed order back on sale; a no-op when already returned.</summary>
    [Alias("Return")]
    Task ReturnAsync(ReturnRequest request);

    /// <summary>
    /// The order has durably recorded its outcome, so the stock no longer needs to remember it per order. Until then
    /// the stock keeps the order's record, which is what makes a retried Confirm or Return after a crash harmless.
    /// </summary>
    [Alias("Forget"), OneWay]
    Task ForgetAsync(Guid orderId);

    [Alias("Get"), ReadOnly]
    Task<StockLevel> GetAsync();
}
