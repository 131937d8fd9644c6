using System.Diagnostics;

namespace Ecommerce.Ops.Tests;

[Collection(ShopProcessesCollection.Name)]
public sealed class LogTests(ShopProcesses shop)
{
    [Fact]
    public async Task Logs_of_registration_login_and_a_paid_order_hold_no_password_token_or_card_number()
    {
        var sku = await shop.ProductAsync();
        var email = $"{Guid.NewGuid():N}@shop.test";
        var password = $"pw-{Guid.NewGuid():N}";
        const string card = "4111111111111111";
        var paymentToken = $"tok_{Guid.NewGuid():N}";

        await Shop.RegisterAsync(shop.Http(), email, password);
        var buyer = shop.Http();
        var jwt = await ShopClient.TokenAsync(buyer, email, password);
        var refused = await shop.Http().PostAsJsonAsync("/api/auth/token", new { email, password = password + "-wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var forged = shop.Http();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/users/me")).StatusCode);
        await ShopClient.OrderAsync(buyer, sku, paymentToken);
        // A careless client that sends a card number where the token goes.
        await ShopClient.OrderAsync(buyer, sku, card);
        await Eventually.ThatAsync(() => Task.FromResult(shop.Silo.Output), o => o.Contains(email, StringComparison.Ordinal));

        var logs = shop.Api.Output + shop.Silo.Output;
        Assert.True(logs.Length > 10_000, "the processes log at Debug: there should be plenty to read");
        Assert.DoesNotContain(password, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt.Split('.')[2], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(paymentToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(card, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopProcesses.AdminPassword, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopProcesses.SigningKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopProcesses.OperatorPassword, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_lines_are_json_and_carry_a_sampled_requests_trace_from_the_api_into_the_silo()
    {
        var sku = await shop.ProductAsync();
        var buyer = await ShopClient.BuyerAsync(shop.Http);

        // A caller asks for its request to be traced with a sampled W3C traceparent (flags 01).
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        buyer.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var orderId = (await ShopClient.OrderAsync(buyer, sku))["id"]!.GetValue<string>();

        var apiLines = JsonLines(shop.Api.Output);
        var siloLines = await Eventually.ThatAsync(() => Task.FromResult(JsonLines(shop.Silo.Output)),
            lines => lines.Any(l => Message(l).Contains($"Order {orderId} is Confirmed", StringComparison.Ordinal)));

        // The API's line for the request, and the order grain's lines in the silo, name the caller's trace.
        var request = RequestLine(apiLines);
        var (requestTrace, spanId) = Trace(request);
        Assert.Equal(traceId, requestTrace);
        Assert.Matches("^[0-9a-f]{16}$", spanId);
        var orderLines = siloLines.Where(l => Message(l).StartsWith($"Order {orderId} is", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Reserved", "Paid", "Confirmed"], orderLines.Select(l => Message(l).Split(' ')[^1]));
        Assert.All(orderLines, l => Assert.Equal(traceId, Trace(l).TraceId));
        Assert.All(orderLines, l => Assert.NotEqual(spanId, Trace(l).SpanId));

        // Every line is a JSON object with the usual fields.
        Assert.All(apiLines.Concat(siloLines), l => Assert.NotNull(l["Timestamp"]));
        Assert.All(apiLines.Concat(siloLines), l => Assert.NotNull(l["LogLevel"]));
    }

    [Fact]
    public async Task An_unsampled_request_keeps_its_trace_id_in_the_api_and_starts_no_trace_in_the_silo()
    {
        var sku = await shop.ProductAsync();
        var buyer = await ShopClient.BuyerAsync(shop.Http);
        var orderId = (await ShopClient.OrderAsync(buyer, sku))["id"]!.GetValue<string>();

        var siloLines = await Eventually.ThatAsync(() => Task.FromResult(JsonLines(shop.Silo.Output)),
            lines => lines.Any(l => Message(l).Contains($"Order {orderId} is Confirmed", StringComparison.Ordinal)));
        var (traceId, _) = Trace(RequestLine(JsonLines(shop.Api.Output)));
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // No exporter is configured and the caller asked for nothing: grain calls start no activity, so the order
        // grain's lines carry no trace at all (and certainly not the request's).
        var orderLines = siloLines.Where(l => Message(l).StartsWith($"Order {orderId} is", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, orderLines.Count);
        Assert.All(orderLines, l => Assert.Null(TraceOrNull(l)));
    }

    private static JsonObject RequestLine(List<JsonObject> apiLines) =>
        apiLines.Last(l => l["Category"]!.GetValue<string>() == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && Message(l).StartsWith("Request starting", StringComparison.Ordinal) && Message(l).Contains("POST", StringComparison.Ordinal)
            && Message(l).Contains("/api/orders", StringComparison.Ordinal));

    private static List<JsonObject> JsonLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        // Anything else on stdout (a stack trace printed by hand, a banner) would break a log shipper's parser.
        return [.. lines.Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    private static string Message(JsonObject line) => line["Message"]?.GetValue<string>() ?? "";

    private static (string TraceId, string SpanId) Trace(JsonObject line) =>
        TraceOrNull(line) ?? throw new Xunit.Sdk.XunitException($"no trace ids on: {line.ToJsonString()}");

    private static (string TraceId, string SpanId)? TraceOrNull(JsonObject line) =>
        line["Scopes"]?.AsArray().Select(s => s as JsonObject).FirstOrDefault(s => s?["TraceId"] is not null) is { } scope
            ? (scope["TraceId"]!.GetValue<string>(), scope["SpanId"]!.GetValue<string>())
            : null;
}
