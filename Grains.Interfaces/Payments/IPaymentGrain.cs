namespace Ecommerce.Payments;

/// <summary>
/// The payment of one order, keyed by the order id. Idempotent: whatever is retried, an order is charged at most
/// once (the order id is also the charge's idempotency key at the processor), and refunded at most once.
/// </summary>
[Alias("ecommerce.payments.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithGuidKey
{
    [Alias("Charge")]
    Task<PaymentResult> ChargeAsync(ChargeCommand command);

    [Alias("Refund")]
    Task<bool> RefundAsync();

    [Alias("Get"), ReadOnly]
    Task<PaymentView> GetAsync();
}
