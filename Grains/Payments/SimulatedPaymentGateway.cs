using System.Collections.Concurrent;

namespace Ecommerce.Grains.Payments;

/// <summary>
/// Behaves like a card processor, as configured by <see cref="SimulatorOptions"/>: latency, random declines, outage
/// windows, and the special tokens of API.md. Like a real processor it keeps charges per idempotency key, so a
/// retried charge is never taken twice. It lives in the silo's memory: a stand-in for something outside the cluster.
/// </summary>
public sealed class SimulatedPaymentGateway(IOptionsMonitor<PaymentOptions> options, TimeProvider clock) : IPaymentGateway
{
    public const string DeclineToken = "tok_decline";
    public const string InvalidToken = "tok_invalid";
    public const string FailToken = "tok_fail";
    public const string SlowToken = "tok_slow";

    private readonly ConcurrentDictionary<string, ChargeResult> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refunds = new(StringComparer.Ordinal);

    /// <summary>Charges taken per idempotency key: what tests read to prove nothing is charged twice.</summary>
    public int ChargesFor(string idempotencyKey) =>
        _charges.TryGetValue(idempotencyKey, out var charge) && charge.Status == ChargeStatus.Approved ? 1 : 0;

    public bool IsRefunded(string chargeId) => _refunds.ContainsKey(chargeId);

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var simulator = options.CurrentValue.Simulator;
        await DelayAsync(request.Token == SlowToken ? TimeSpan.FromSeconds(10) : simulator.Latency, cancellationToken);
        if (request.Token == FailToken)
        {
            throw new CardIssuerUnavailableException("The simulated card's issuer does not answer.");
        }

        ThrowIfOutage(simulator);

        return _charges.GetOrAdd(request.IdempotencyKey, key =>
            request.Token == InvalidToken ? new ChargeResult(ChargeStatus.Declined, null, "The card details are invalid.")
            : request.Token == DeclineToken || Declines(key, simulator.DeclineRate)
                ? new ChargeResult(ChargeStatus.Declined, null, "The card was declined by its issuer.")
                : new ChargeResult(ChargeStatus.Approved, $"ch_{Guid.NewGuid():N}", null));
    }

    private void ThrowIfOutage(SimulatorOptions simulator)
    {
        if (simulator.Outages.Any(o => o.Covers(clock.GetUtcNow())))
        {
            throw Failing();
        }
    }

    private static PaymentGatewayUnavailableException Failing() => new("The simulated processor is failing.");

    public async Task RefundAsync(string chargeId, CancellationToken cancellationToken)
    {
        var simulator = options.CurrentValue.Simulator;
        await DelayAsync(simulator.Latency, cancellationToken);
        ThrowIfOutage(simulator);

        _refunds.TryAdd(chargeId, clock.GetUtcNow());
    }

    /// <summary>A declined share that is stable per key (on every silo), so a retried charge gets the same answer.</summary>
    private static bool Declines(string key, double rate) =>
        rate > 0 && BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))) % 10_000 < rate * 10_000;

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, clock, cancellationToken) : Task.CompletedTask;
}
