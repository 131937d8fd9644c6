namespace Ecommerce.Payments;

/// <summary>
/// The payment processor as the cluster sees it: a stateless worker in every silo (key 0) that calls the processor
/// through the retries and circuit breaker. Charges are idempotent per order, the order id being the processor's
/// idempotency key; what was charged is recorded by the order itself.
/// </summary>
[Alias("ecommerce.payments.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithIntegerKey
{
    [Alias("ChargeOrder")]
    Task<PaymentResult> ChargeAsync(Guid orderId, ChargeCommand command);

    [Alias("RefundCharge")]
    Task RefundAsync(string chargeId);
}
