using Ecommerce.Payments;

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

    /// <summary>What was charged for the order (null before a charge was decided, or for no order).</summary>
    [Alias("GetPayment"), ReadOnly]
    Task<PaymentView?> GetPaymentAsync();

    [Alias("Cancel")]
    Task<CancelOrderResult> CancelAsync(Guid userId, string reason);

    /// <summary>
    /// A nudge from a stock grain that still holds units for this order without a final word from it: the order
    /// finishes or compensates whatever a crash interrupted, then acknowledges its outcome again.
    /// </summary>
    [Alias("Resume"), OneWay]
    Task ResumeAsync(string sku);
}
