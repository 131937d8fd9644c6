using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ecommerce.Grains.Payments;

/// <summary>
/// How every call to the processor is guarded (Microsoft.Extensions.Resilience / Polly): each attempt has a timeout;
/// transient faults and timeouts are retried with exponential backoff and jitter; a circuit breaker opens when too many
/// attempts fail, so that while the processor is down orders fail fast instead of piling up. Only the processor's own
/// faults count toward the breaker: a declined or invalid card is an answer, and a fault of one card's issuer is
/// retried but not counted, so no buyer can open the breaker with cards of their choosing.
/// </summary>
public static class PaymentPipeline
{
    public const string Name = "payments";

    public static IServiceCollection AddPaymentPipeline(this IServiceCollection services)
    {
        services.AddSingleton<PaymentCircuit>();
        services.AddResiliencePipeline(Name, (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PaymentOptions>>().Value;
            var circuit = context.ServiceProvider.GetRequiredService<PaymentCircuit>();
            var transient = new PredicateBuilder().Handle<PaymentGatewayUnavailableException>().Handle<TimeoutRejectedException>();
            var processorFault = new PredicateBuilder()
                .Handle<PaymentGatewayUnavailableException>(e => e is not CardIssuerUnavailableException)
                .Handle<TimeoutRejectedException>();
            builder
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = transient,
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = processorFault,
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakDuration,
                    OnOpened = _ => circuit.Set(CircuitState.Open),
                    OnHalfOpened = _ => circuit.Set(CircuitState.HalfOpen),
                    OnClosed = _ => circuit.Set(CircuitState.Closed),
                })
                .AddTimeout(options.AttemptTimeout);
        });
        return services;
    }
}

/// <summary>
/// The payment circuit's state on this silo, for health and metrics. Followed through the breaker's events: the
/// registry may build the pipeline more than once on first use, and only the one it keeps raises them.
/// </summary>
public sealed class PaymentCircuit
{
    private int _state = (int)CircuitState.Closed;

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    internal ValueTask Set(CircuitState state)
    {
        Volatile.Write(ref _state, (int)state);
        return ValueTask.CompletedTask;
    }
}
