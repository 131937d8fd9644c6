namespace Ecommerce.Api.Tests;

/// <summary>
/// What a client sees when a silo dies under it (issue 13, part 2): real silo and API processes on PostgreSQL, a silo
/// SIGKILLed while orders wait on their payment. Every request is answered, quickly: 201, or a 503 problem document with
/// Retry-After, and a retry with the same Idempotency-Key then ends 201, every order once.
/// </summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task Orders_in_flight_when_a_silo_dies_answer_201_or_a_retryable_503_within_seconds_and_their_retries_place_each_once()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync("failover");
        var cluster = new Dictionary<string, string>
        {
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__Storage"] = "AdoNet",
            ["Cluster__Reminders"] = "AdoNet",
            ["ConnectionStrings__Postgres"] = postgres,

            // Every order waits 3 s on the processor: the kill comes while they do.
            ["Payments__Simulator__Latency"] = "00:00:03",
            ["Payments__AttemptTimeout"] = "00:00:10",
        };
        Dictionary<string, string> Silo() => new(cluster) { ["Cluster__SiloPort"] = $"{Ports.Free()}", ["Cluster__GatewayPort"] = $"{Ports.Free()}" };
        await using var first = await ShopProcess.StartSiloAsync("silo-0", Silo());
        await using var second = await ShopProcess.StartSiloAsync("silo-1", Silo());
        await using var api = await ShopProcess.StartApiAsync("api", new Dictionary<string, string>(cluster)
        {
            ["Admin__Email"] = "admin@shop.test",
            ["Admin__Password"] = "failover-admin-password",
            ["Jwt__SigningKey"] = "a-failover-signing-key-of-32-chars-plus",
        });
        var baseAddress = new Uri(api.BaseUrl);
        var admin = await Shop.LoginAsync(new HttpClient { BaseAddress = baseAddress }, "admin@shop.test", "failover-admin-password");
        var sku = await Shop.ProductAsync(admin, units: 100);
        using var anonymous = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Shop.RegisterAsync(anonymous, "buyer@failover.test", "buyer-password-1");
        var buyer = await Shop.LoginAsync(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) },
            "buyer@failover.test", "buyer-password-1");

        var keys = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid().ToString()).ToList();
        var placing = keys.Select(key => Shop.OrderAsync(buyer, sku, idempotencyKey: key)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await second.KillAsync();
        var killed = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(placing.Select(async p => (Response: await p, After: killed.Elapsed)));

        // Answered within seconds, never by a hang to a timeout; each failure a problem a client knows to retry.
        Assert.All(answers, a => Assert.True(a.After < TimeSpan.FromSeconds(9), $"answered {a.After.TotalSeconds:0.0} s after the kill"));
        Assert.All(answers, a => Assert.Contains(a.Response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        var unavailable = answers.Where(a => a.Response.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(unavailable);
        foreach (var (response, _) in unavailable)
        {
            await Shop.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "cluster-unavailable");
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        // Retried with their keys, as a client does, every order ends placed; none twice.
        var ids = new HashSet<Guid>();
        foreach (var key in keys)
        {
            var placed = await Eventually.ThatAsync(() => Shop.OrderAsync(buyer, sku, idempotencyKey: key), r => r.StatusCode == HttpStatusCode.Created,
                TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            ids.Add((await placed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }

        Assert.Equal(keys.Count, ids.Count);
        var stock = await Eventually.ThatAsync(() => Shop.StockAsync(anonymous, sku), s => s.Int("reserved") == 0, TimeSpan.FromSeconds(30));
        Assert.Equal((keys.Count, 0, 100 - keys.Count), (stock.Int("sold"), stock.Int("reserved"), stock.Int("available")));
    }
}
