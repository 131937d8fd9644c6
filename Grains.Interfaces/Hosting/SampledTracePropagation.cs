using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Diagnostics;

namespace Ecommerce.Hosting;

/// <summary>
/// Carries a trace across grain calls only when the trace is sampled. Orleans' own <c>AddActivityPropagation</c>
/// starts a client and a server activity for every grain call, and in the silo a fresh root activity whenever the
/// caller's trace was not sampled: on a sale's hot path that is several activities per order that nobody exports.
/// These filters start nothing unless the caller's activity is recorded, and then emit the same spans under Orleans'
/// activity source name, so trace queries read the same either way.
/// </summary>
public static class SampledTracePropagation
{
    /// <summary>Grain-call spans, under the name Orleans gives its own.</summary>
    public static readonly ActivitySource Source = new(ActivitySources.ApplicationGrainActivitySourceName);

    /// <summary>Registers both filters (a client runs only the outgoing one) in place of <c>AddActivityPropagation</c>.</summary>
    public static IServiceCollection AddSampledTracePropagation(this IServiceCollection services)
    {
        services.TryAddSingleton(DistributedContextPropagator.Current);
        services.AddSingleton<IOutgoingGrainCallFilter, Outgoing>();
        return services.AddSingleton<IIncomingGrainCallFilter, Incoming>();
    }

    /// <summary>Outgoing calls (silos and the API's client): inject the sampled caller's context.</summary>
    public sealed class Outgoing(DistributedContextPropagator propagator) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (Activity.Current is not { Recorded: true })
            {
                return context.Invoke();
            }

            var activity = Source.StartActivity(NameOf(context), ActivityKind.Client);
            if (activity is null)
            {
                return context.Invoke();
            }

            propagator.Inject(activity, null, static (_, key, value) => RequestContext.Set(key, value));
            return RunAsync(context, activity);
        }
    }

    /// <summary>Incoming calls (silos): continue a trace that came with the call, and start none otherwise.</summary>
    public sealed class Incoming(DistributedContextPropagator propagator) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            propagator.ExtractTraceIdAndState(null, static (_, key, out value, out values) =>
            {
                value = RequestContext.Get(key) as string;
                values = null;
            }, out var traceParent, out var traceState);
            if (traceParent is null
                || !ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
                || (parent.TraceFlags & ActivityTraceFlags.Recorded) == 0)
            {
                return context.Invoke();
            }

            var activity = Source.StartActivity(NameOf(context), ActivityKind.Server, parent);
            return activity is null ? context.Invoke() : RunAsync(context, activity);
        }
    }

    private static string NameOf(IGrainCallContext context) =>
        context.Request is RequestBase request ? request.GetActivityName() : $"{context.InterfaceName}/{context.MethodName}";

    private static async Task RunAsync(IGrainCallContext context, Activity activity)
    {
        using (activity)
        {
            activity.SetTag("rpc.system", "orleans");
            activity.SetTag("rpc.method", $"{context.InterfaceName}/{context.MethodName}");
            try
            {
                await context.Invoke();
            }
            catch (Exception ex)
            {
                activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                throw;
            }
        }
    }
}
