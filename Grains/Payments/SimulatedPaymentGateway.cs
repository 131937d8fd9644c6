using System.Collections.Concurrent;

namespace Ecommerce.Grains.Payments;

/// <summary>
/// Behaves like a processor for the tokens of API.md: <c>tok_decline</c> is declined, <c>tok_fail</c> fails as a
/// transient fault every time, any other token is approved. Charges are kept per idempotency key, as a real
/// processor does, so a retried charge is never taken twice.
/// </summary>
public sealed class SimulatedPaymentGateway : IPaymentGateway
{
    public const string DeclineToken = "tok_decline";
    public const string FailToken = "tok_fail";

    private readonly ConcurrentDictionary<string, ChargeResult> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, decimal> _refunds = new(StringComparer.Ordinal);

    public int ChargeCount => _charges.Count(c => c.Value.Status == ChargeStatus.Approved);

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        if (request.Token == FailToken)
        {
            throw new PaymentGatewayUnavailableException("The simulated processor is failing for this token.");
        }

        var result = _charges.GetOrAdd(request.IdempotencyKey, key => request.Token == DeclineToken
            ? new ChargeResult(ChargeStatus.Declined, null, "The card was declined.")
            : new ChargeResult(ChargeStatus.Approved, $"ch_{Guid.NewGuid():N}", null));
        return Task.FromResult(result);
    }

    public Task RefundAsync(string chargeId, CancellationToken cancellationToken)
    {
        _refunds.TryAdd(chargeId, 0m);
        return Task.CompletedTask;
    }
}
