using System.Collections.Concurrent;
using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.FlashSale;

/// <summary>
/// Clients that order far faster than anyone should while the race runs (each at a fixed rate, whatever the answers):
/// what a few bots do on sale day. They buy a product of their own, so the sale's audit is untouched, over connections
/// of their own, so the buyers' latencies are the server's and not this client's queueing.
/// </summary>
public sealed class Flood : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<string> _tokens;
    private readonly byte[] _body;
    private readonly int _rate;

    private Flood(HttpClient http, IReadOnlyList<string> tokens, byte[] body, int rate) =>
        (_http, _tokens, _body, _rate) = (http, tokens, body, rate);

    public static async Task<Flood> PrepareAsync(FlashSaleOptions options, TextWriter log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var http = LoadHttpClient.Create(options.Api, options.FloodClients * 16);
        var shop = new ShopApi(http);
        var admin = await shop.LogInAsync(options.AdminEmail, options.AdminPassword, cancellation);
        var sku = $"FLOOD-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
        await shop.CreateProductAsync(admin, sku, maxPerCustomer: null, cancellation);
        await shop.SetStockAsync(admin, sku, 100_000_000, cancellation);
        var password = $"flood-{Guid.NewGuid():N}";
        var tokens = new List<string>();
        for (var i = 0; i < options.FloodClients; i++)
        {
            var email = $"flood-{i + 1}-{Guid.NewGuid().ToString("N")[..8]}@flood.test";
            await shop.RegisterAsync(email, password, $"Flooder {i + 1}", cancellation);
            tokens.Add(await shop.LogInAsync(email, password, cancellation));
        }

        await log.WriteLineAsync($"Flood: {options.FloodClients} clients ready to send {options.FloodRate} orders/s each for {sku}.");
        return new Flood(http, tokens, ShopApi.OrderBody(sku, 1, "tok_visa"), options.FloodRate);
    }

    /// <summary>Floods for the duration; answers a line with what was sent and what came back.</summary>
    public async Task<string> RunAsync(TimeSpan duration, CancellationToken stop)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ends.CancelAfter(duration);
        var clients = _tokens.Select(token => Task.Run(() => FloodAsync(token, statuses, ends.Token), CancellationToken.None));
        await Task.WhenAll(clients);
        var sent = statuses.Values.Sum();
        return $"Flood: {_tokens.Count} clients x {_rate} orders/s: {sent} sent; " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}: {s.Value}"));
    }

    private async Task FloodAsync(string token, ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / _rate));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(SendAsync(token, statuses));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(string token, ConcurrentDictionary<int, int> statuses)
    {
        var status = 0;
        try
        {
            using var request = ShopApi.PlaceOrderRequest(token, _body, withKey: false);
            using var response = await _http.SendAsync(request, CancellationToken.None);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }

        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public void Dispose() => _http.Dispose();
}
