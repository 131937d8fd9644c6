using Ecommerce.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ecommerce.Hosting;

/// <summary>
/// What every process of the shop reports, wired once: OpenTelemetry metrics (scraped at <c>/metrics</c>) and traces,
/// OTLP export of both when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and console logs that carry trace and span ids,
/// as JSON lines when <c>Logging:Json</c> is true.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The switch for JSON logs on stdout (<c>Logging__Json=true</c>).</summary>
    public const string JsonLogsKey = "Logging:Json";

    /// <summary>Read by the OTLP exporter itself; export is wired only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The SDK's own sampler setting (<c>always_on</c>, <c>parentbased_traceidratio</c>, ...): when set, it rules.</summary>
    public const string SamplerKey = "OTEL_TRACES_SAMPLER";

    /// <summary>Orleans' meter: grains, activations, messaging, storage, streams, reminders.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Polly's meter (Microsoft.Extensions.Resilience): the payment pipeline's retries and breaker events.</summary>
    public const string ResilienceMeter = "Polly";

    /// <summary>
    /// Orleans' activity sources for grain calls and grain storage. Its runtime and lifecycle sources are left out:
    /// they trace the cluster's own housekeeping (membership probes, directory, start-up) as a stream of root spans.
    /// </summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    public static TBuilder AddShopObservability<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        builder.AddShopLogging();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ShopTelemetry.MeterName, OrleansMeter, ResilienceMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                // With nowhere to send spans (no exporter, no sampler chosen), traces serve log correlation only: a
                // request is recorded when its caller asked (a sampled traceparent), every other request keeps a trace
                // id for its log lines, and nothing below it starts an activity: no grain-call activities
                // (SampledTracePropagation), and no SQL, storage or HTTP-client sources listened to.
                var recording = otlp || !string.IsNullOrWhiteSpace(builder.Configuration[SamplerKey]);
                tracing.AddSource(SampledTracePropagation.Source.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperatorRoute(http.Request.Path));
                if (recording)
                {
                    tracing.AddSource(ShopTelemetry.ActivitySourceName)
                        .AddSource(OrleansActivitySources)
                        .AddHttpClientInstrumentation()
                        .AddNpgsql();
                }
                else
                {
                    tracing.SetSampler(new ParentBasedSampler(new AlwaysOffSampler()));
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }

    /// <summary><c>GET /metrics</c>: every instrument above, in Prometheus' text format.</summary>
    public static TEndpoints MapShopMetrics<TEndpoints>(this TEndpoints endpoints) where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }

    /// <summary>
    /// Every log line records the trace and span it was written in. With <c>Logging:Json</c> (or the standard
    /// <c>Logging:Console:FormatterName=json</c>) the console writes one JSON object per line, scopes included: that
    /// is where the ids are.
    /// </summary>
    private static void AddShopLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Configuration.GetValue<bool>(JsonLogsKey))
        {
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        }

        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }

    /// <summary>Scrapes and probes come every few seconds: traced, they would bury the requests.</summary>
    private static bool IsOperatorRoute(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
