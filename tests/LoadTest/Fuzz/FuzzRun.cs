using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CsCheck;

namespace Ecommerce.LoadTest.Fuzz;

/// <summary>What a fuzz run saw: every status, and the requests the API failed (5xx) or answered without a problem document.</summary>
public sealed record FuzzOutcome(
    int Requests,
    IReadOnlyDictionary<int, int> ByStatus,
    IReadOnlyList<string> ServerErrors,
    IReadOnlyList<string> NotProblemDocuments,
    int NotSent,
    IReadOnlyDictionary<string, int> ByOperation)
{
    public int ServerErrorCount => ByStatus.Where(s => s.Key >= 500).Sum(s => s.Value);
}

/// <summary>
/// Sends generated requests to an API and records what came back. It never stops at a failure: the point is the count
/// of 5xx over thousands of requests, and each failing request is kept (up to a bound) to be replayed by hand.
/// </summary>
public static class FuzzRun
{
    private const int KeptFailures = 20;

    /// <summary>Reads the OpenAPI document, makes a product and an order to aim at, then sends <paramref name="count"/> requests.</summary>
    public static async Task<FuzzOutcome> RunAsync(Func<Caller, HttpClient> clients, int count, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var document = (await clients(Caller.Anonymous).GetFromJsonAsync<JsonNode>("/openapi/v1.json", cancellationToken))!;
        var operations = ApiOperations.Parse(document);
        var (skus, ids) = await TargetsAsync(clients, cancellationToken);
        var requests = new FuzzRequests(operations, new HostileValues(skus, ids)).Requests;

        var byStatus = new ConcurrentDictionary<int, int>();
        var byOperation = new ConcurrentDictionary<string, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var notProblems = new ConcurrentQueue<string>();
        var notSent = 0;
        await requests.SampleAsync(async request =>
        {
            byOperation.AddOrUpdate(request.Operation.ToString(), 1, (_, n) => n + 1);
            int status;
            string? mediaType;
            try
            {
                using var message = Message(request);
                using var response = await clients(request.Caller).SendAsync(message, cancellationToken);
                status = (int)response.StatusCode;
                mediaType = response.Content.Headers.ContentType?.MediaType;
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or HttpRequestException or UriFormatException)
            {
                // A request this client refuses to send (a header with a line break, say): nothing reached the API.
                Interlocked.Increment(ref notSent);
                return;
            }

            byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 && serverErrors.Count < KeptFailures)
            {
                serverErrors.Enqueue($"{status} <- {request}");
            }
            else if (status is >= 400 and < 500 && mediaType != "application/problem+json" && notProblems.Count < KeptFailures)
            {
                notProblems.Enqueue($"{status} {mediaType ?? "(no body)"} <- {request}");
            }
        }, iter: count, threads: threads);

        return new FuzzOutcome(count - notSent, byStatus, [.. serverErrors], [.. notProblems], notSent, byOperation);
    }

    private static HttpRequestMessage Message(FuzzRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url, UriKind.Relative));
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                throw new InvalidOperationException($"header {name} not sendable");
            }
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        return message;
    }

    /// <summary>A product and an order that exist, so that generated requests also reach past "not found".</summary>
    private static async Task<(IReadOnlyList<string> Skus, IReadOnlyList<string> Ids)> TargetsAsync(Func<Caller, HttpClient> clients, CancellationToken cancellationToken)
    {
        var sku = $"FUZZ-{Guid.NewGuid():N}"[..16];
        var admin = clients(Caller.Admin);
        (await admin.PutAsJsonAsync($"/api/products/{sku}",
            new { name = "Fuzzed product", description = "A target", category = "Fuzz", price = 1.5m, currency = "EUR" }, cancellationToken)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = 1_000_000 }, cancellationToken)).EnsureSuccessStatusCode();
        var order = await clients(Caller.Buyer).PostAsJsonAsync("/api/orders",
            new { items = new[] { new { sku, quantity = 1 } }, payment = new { method = "card", token = "tok_visa" } }, cancellationToken);
        var id = order.IsSuccessStatusCode ? (await order.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<string>() : Guid.NewGuid().ToString();
        return ([sku], [id]);
    }
}
