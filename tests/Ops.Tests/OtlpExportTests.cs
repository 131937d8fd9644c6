using System.Collections.Concurrent;
using Ecommerce.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// OTLP export is wired only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: a host with the shared telemetry wiring
/// sends its spans and metrics to a stand-in collector (an HTTP listener of this test) exactly then.
/// </summary>
public sealed class OtlpExportTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Traces_and_metrics_go_over_otlp_exactly_when_an_endpoint_is_configured(bool configured)
    {
        var received = new ConcurrentBag<string>();
        var collectorPort = Ports.Free();
        await using var collector = await StartAsync(collectorPort, null, app => app.Run(async http =>
        {
            received.Add(http.Request.Path);
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }));

        var settings = new Dictionary<string, string?>();
        if (configured)
        {
            settings[ObservabilityExtensions.OtlpEndpointKey] = $"http://127.0.0.1:{collectorPort}";
            settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        var port = Ports.Free();
        await using var shop = await StartAsync(port, settings, app => app.MapGet("/api/ping", () => "pong"));
        using var http = new HttpClient();
        Assert.Equal("pong", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/ping")));
        shop.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        // The Prometheus exporter is pulled, so the metrics flush answers false: what counts is what reached the collector.
        shop.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        if (configured)
        {
            Assert.Contains("/v1/traces", received);
            Assert.Contains("/v1/metrics", received);
        }
        else
        {
            Assert.Empty(received);
        }
    }

    private static async Task<WebApplication> StartAsync(int port, Dictionary<string, string?>? telemetry, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (telemetry is not null)
        {
            builder.Configuration.AddInMemoryCollection(telemetry);
            builder.AddShopObservability("otlp-test");
        }

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
