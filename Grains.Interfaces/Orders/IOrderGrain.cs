namespace Ecommerce.Orders;

/// <summary>
/// One order, keyed by its id. An <c>Idempotency-Key</c> maps to a fixed id (<see cref="OrderIds.ForIdempotencyKey"/>),
/// so a retried request lands on the same grain and replays its first outcome.
/// </summary>
[Alias("ecommerce.orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithGuidKey
{
    [Alias("Place")]
    Task<PlaceOrderResult> PlaceAsync(PlaceOrder command);

    [Alias("Get"), ReadOnly]
    Task<OrderView?> GetAsync();

    [Alias("Cancel")]
    Task<CancelOrderResult> CancelAsync(Guid userId, string reason);
}
