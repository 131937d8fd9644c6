using System.Diagnostics;
using Ecommerce.Grains.Hosting;
using Ecommerce.Grains.Telemetry;
using Ecommerce.Payments;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Ecommerce.Grains.Payments;

public sealed partial class PaymentGrain(
    [FromKeyedServices(ProviderNames.Storage)] IGrainStorage storage,
    IPaymentGateway gateway,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider clock,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain
{
    private LazyState<PaymentState> _payment = null!;

    private PaymentState S => _payment.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _payment = new LazyState<PaymentState>(storage, "payment", this.GetGrainId());
        return Task.CompletedTask;
    }

    public async Task<PaymentResult> ChargeAsync(ChargeCommand command)
    {
        var assumed = command.FirstAttempt && !_payment.Loaded;
        if (assumed)
        {
            _payment.AssumeNew();
        }
        else
        {
            await _payment.LoadAsync();
        }

        try
        {
            return await ChargeCoreAsync(command);
        }
        catch (InconsistentStateException) when (assumed)
        {
            // Something was stored after all: read it and decide again (the processor's idempotency key, the order
            // id, keeps a repeated charge from charging twice).
            await _payment.ReloadAsync();
            return await ChargeAsync(command with { FirstAttempt = false });
        }
    }

    private async Task<PaymentResult> ChargeCoreAsync(ChargeCommand command)
    {
        switch (S.Status)
        {
            case PaymentStatus.Charged:
                return new PaymentResult(PaymentOutcome.Approved, S.ChargeId, null);
            case PaymentStatus.Declined:
                return new PaymentResult(PaymentOutcome.Declined, null, "The card was declined.");
            case PaymentStatus.Refunded:
                return new PaymentResult(PaymentOutcome.Declined, null, "This order's payment was refunded.");
        }

        ChargeResult charge;
        var started = Stopwatch.GetTimestamp();
        using var activity = ShopMetrics.Activities.StartActivity("payment charge", ActivityKind.Client);
        try
        {
            // The order id is the processor's idempotency key: a retry after a crash returns the same charge.
            var request = new ChargeRequest(this.GetPrimaryKey().ToString("N"), command.Amount, command.Currency, command.Method, command.Token);
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

        S.Amount = command.Amount;
        S.Currency = command.Currency;
        S.Method = command.Method;
        S.TokenLast4 = command.Token.Length > 4 ? command.Token[^4..] : command.Token;
        var outcome = charge.Status == ChargeStatus.Declined ? PaymentOutcome.Declined : PaymentOutcome.Approved;
        ShopMetrics.PaymentAnswered(outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("payment.outcome", outcome == PaymentOutcome.Declined ? "declined" : "approved");
        if (charge.Status == ChargeStatus.Declined)
        {
            S.Status = PaymentStatus.Declined;
            await _payment.WriteAsync();
            return new PaymentResult(PaymentOutcome.Declined, null, charge.DeclineReason ?? "The card was declined.");
        }

        S.Status = PaymentStatus.Charged;
        S.ChargeId = charge.ChargeId;
        S.Charges++;
        S.ChargedAt = clock.GetUtcNow();
        await _payment.WriteAsync();
        return new PaymentResult(PaymentOutcome.Approved, S.ChargeId, null);
    }

    public async Task<bool> RefundAsync()
    {
        await _payment.LoadAsync();
        if (S.Status != PaymentStatus.Charged || S.ChargeId is not { } chargeId)
        {
            return S.Status == PaymentStatus.Refunded;
        }

        await pipelines.GetPipeline(PaymentPipeline.Name).ExecuteAsync(async ct => await gateway.RefundAsync(chargeId, ct));
        S.Status = PaymentStatus.Refunded;
        S.RefundedAt = clock.GetUtcNow();
        await _payment.WriteAsync();
        return true;
    }

    public async Task<PaymentView> GetAsync()
    {
        await _payment.LoadAsync();
        return new PaymentView(S.Status, S.ChargeId, S.Amount, S.Currency, S.TokenLast4, S.Charges);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Payment unavailable ({Fault})")]
    private partial void LogUnavailable(string fault);
}
