using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// A silo host and the API test host in one process (state in PostgreSQL), joined over real TCP, so that one
/// in-memory exporter sees the spans of both: trace context must cross the Orleans message to reach the silo.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task One_trace_spans_the_http_request_the_grain_calls_in_the_silo_and_the_storage_writes()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Npgsql", "Ecommerce.Shop")
            .AddInMemoryExporter(spans)
            .Build();
        var postgres = await TestPostgres.CreateDatabaseAsync("traces");
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Cluster:Storage"] = "Postgres",
            ["ConnectionStrings:Postgres"] = postgres,
        });
        await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Cluster:GatewayPort", $"{silo.GatewayPort}");
            web.UseSetting("Admin:Email", "admin@shop.test");
            web.UseSetting("Admin:Password", "trace-admin-password");
            web.UseSetting("Jwt:SigningKey", "a-signing-key-for-the-trace-test-of-32-chars");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var admin = await Shop.LoginAsync(api.CreateClient(), "admin@shop.test", "trace-admin-password");
        var sku = await Shop.ProductAsync(admin, units: 5);
        var buyer = await ShopClient.BuyerAsync(api.CreateClient);

        var orderId = (await ShopClient.OrderAsync(buyer, sku))["id"]!.GetValue<string>();
        tracing.ForceFlush();

        List<Activity> trace;
        lock (spans)
        {
            var request = spans.Single(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
                && (s.GetTagItem("http.request.method") as string) == "POST" && (s.GetTagItem("http.route") as string)?.StartsWith("/api/orders", StringComparison.Ordinal) == true
                && s.GetTagItem("http.response.status_code") is 201);
            trace = [.. spans.Where(s => s.TraceId == request.TraceId)];
        }

        void Has(string what, Func<Activity, bool> span) => Assert.True(trace.Any(span),
            $"no span for {what} in the trace of POST /api/orders:\n" + string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}")));

        // The API calls the order grain; the silo serves it, and the calls it makes in turn.
        Has("the API's call to the order grain", s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client
            && s.DisplayName.Contains("IOrderGrain/PlaceAsync", StringComparison.Ordinal));
        Has("the order grain in the silo", s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server
            && s.DisplayName.Contains("IOrderGrain/PlaceAsync", StringComparison.Ordinal));
        Has("the stock grain's reservation", s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("IStockGrain/ReserveAsync", StringComparison.Ordinal));
        Has("the payment grain's charge", s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("IPaymentGrain/ChargeAsync", StringComparison.Ordinal));
        Has("the call to the payment processor", s => s.Source.Name == "Ecommerce.Shop" && s.DisplayName == "payment charge");
        // ... and the state they write: Orleans' storage spans, and the SQL that PostgreSQL runs for them.
        Has("a grain storage write", s => s.Source.Name == "Microsoft.Orleans.Storage");
        Has("a PostgreSQL command", s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client);
        Assert.DoesNotContain(trace, s => s.TagObjects.Any(t => t.Value is string v && v.Contains("tok_visa", StringComparison.Ordinal)));
        Assert.NotNull(orderId);
    }
}
