namespace Ecommerce.Grains.Payments;

/// <summary>
/// A card processor. The simulated one serves development, tests and load tests; a real provider implements this
/// interface and is registered in its place (see <c>AddShopPayments</c>).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges once per <see cref="ChargeRequest.IdempotencyKey"/>: a retried call returns the first charge.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">A transient fault, worth retrying.</exception>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    Task RefundAsync(string chargeId, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(string IdempotencyKey, decimal Amount, string Currency, string Method, string Token)
{
    /// <summary>Records end up in log lines and exception messages: the token never does.</summary>
    public override string ToString() =>
        $"{nameof(ChargeRequest)} {{ IdempotencyKey = {IdempotencyKey}, Amount = {Amount} {Currency}, Method = {Method}, Token = *** }}";
}

public enum ChargeStatus
{
    Approved,
    Declined,
}

public sealed record ChargeResult(ChargeStatus Status, string? ChargeId, string? DeclineReason);

/// <summary>A fault worth retrying: the processor could not be reached or answered with a transient error.</summary>
public class PaymentGatewayUnavailableException(string message) : Exception(message);

/// <summary>
/// A transient fault of one card (its issuer did not answer): worth a retry, but no sign that the processor is failing,
/// so it never counts toward the circuit breaker. A buyer's own card can't open the breaker for every other buyer.
/// </summary>
public sealed class CardIssuerUnavailableException(string message) : PaymentGatewayUnavailableException(message);
