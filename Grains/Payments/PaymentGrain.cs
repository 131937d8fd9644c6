using System.Diagnostics;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Payments;
using Orleans.Concurrency;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Ecommerce.Grains.Payments;

/// <summary>
/// Calls the payment processor for the orders of its silo, through the resilience pipeline (timeout per attempt,
/// retries with backoff, circuit breaker). It keeps nothing: a charge is made once per order because the order id is
/// the processor's idempotency key, and the order records what was charged. A stateless worker, so every silo
/// charges locally and a payment costs no activation per order.
/// </summary>
[StatelessWorker]
public sealed partial class PaymentGrain(
    IPaymentGateway gateway,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain
{
    public async Task<PaymentResult> ChargeAsync(Guid orderId, ChargeCommand command)
    {
        ChargeResult charge;
        var started = Stopwatch.GetTimestamp();
        using var activity = ShopMetrics.Activities.StartActivity("payment charge", ActivityKind.Client);
        try
        {
            // A retry after a crash returns the same charge: the processor knows the order id.
            var request = new ChargeRequest(orderId.ToString("N"), command.Amount, command.Currency, command.Method, command.Token);
            charge = await pipelines.GetPipeline(PaymentPipeline.Name)
                .ExecuteAsync(async ct => await gateway.ChargeAsync(request, ct));
        }
        catch (Exception ex) when (ex is BrokenCircuitException or PaymentGatewayUnavailableException or TimeoutRejectedException)
        {
            ShopMetrics.PaymentAnswered(PaymentOutcome.Unavailable, Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogUnavailable(ex.GetType().Name);
            var reason = ex is BrokenCircuitException
                ? "The payment service is failing; try again shortly."
                : "The payment service did not answer; try again shortly.";
            return new PaymentResult(PaymentOutcome.Unavailable, null, reason);
        }

        var outcome = charge.Status == ChargeStatus.Declined ? PaymentOutcome.Declined : PaymentOutcome.Approved;
        ShopMetrics.PaymentAnswered(outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("payment.outcome", outcome == PaymentOutcome.Declined ? "declined" : "approved");
        return outcome == PaymentOutcome.Declined
            ? new PaymentResult(PaymentOutcome.Declined, null, charge.DeclineReason ?? "The card was declined.")
            : new PaymentResult(PaymentOutcome.Approved, charge.ChargeId, null);
    }

    public Task RefundAsync(string chargeId) =>
        pipelines.GetPipeline(PaymentPipeline.Name).ExecuteAsync(async ct => await gateway.RefundAsync(chargeId, ct)).AsTask();

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Payment unavailable ({Fault})")]
    private partial void LogUnavailable(string fault);
}
