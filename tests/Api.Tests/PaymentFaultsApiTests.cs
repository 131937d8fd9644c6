using Ecommerce.Grains.Payments;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace Ecommerce.Api.Tests;

/// <summary>A shop of its own, so that tripping its payment circuit touches no other test.</summary>
public sealed class PaymentFaultsFixture : ShopHost
{
    protected override IDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["Payments:AttemptTimeout"] = "00:00:00.300",
        ["Payments:MaxRetries"] = "1",
        ["Payments:RetryBaseDelay"] = "00:00:00.020",
        ["Payments:BreakerMinimumThroughput"] = "4",
        ["Payments:BreakerFailureRatio"] = "0.5",
        ["Payments:BreakerSamplingDuration"] = "00:00:30",
        ["Payments:BreakDuration"] = "00:00:02",
    };

    public HttpClient Anonymous() => Api.CreateClient();
}

public sealed class PaymentFaultsApiTests(PaymentFaultsFixture fixture) : IClassFixture<PaymentFaultsFixture>
{
    private PaymentCircuit Circuit => fixture.SiloServices.GetRequiredService<PaymentCircuit>();

    [Fact]
    public async Task Cards_never_open_the_breaker_timeouts_do_fail_orders_with_503_release_stock_and_it_closes_again()
    {
        var admin = await Shop.LoginAsync(fixture.Anonymous(), ShopHost.AdminEmail, ShopHost.AdminPassword);
        var sku = await Shop.ProductAsync(admin, units: 5);
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.Anonymous(), email, "password-1234");
        var buyer = await Shop.LoginAsync(fixture.Anonymous(), email, "password-1234");

        // A buyer's own cards: an issuer that fails (retried, then 503), declined and invalid cards (402). The four
        // failed attempts of the first two orders would open the breaker if they counted (at least 4, all failed).
        for (var i = 0; i < 2; i++)
        {
            await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 1, "tok_fail"), HttpStatusCode.ServiceUnavailable, "payment-unavailable");
        }

        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 1, "tok_decline"), HttpStatusCode.PaymentRequired, "payment-declined");
        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 1, "tok_invalid"), HttpStatusCode.PaymentRequired, "payment-declined");

        Assert.Equal(CircuitState.Closed, Circuit.State);
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, 1, "tok_visa")).StatusCode);

        // A processor that does not answer in time: each attempt times out, the retry too; the units go back.
        var slow = await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 2, "tok_slow"), HttpStatusCode.ServiceUnavailable, "payment-unavailable");
        Assert.Contains("did not answer", slow.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(4, (await Shop.StockAsync(admin, sku)).Int("available"));

        // The processor's own faults pile up until the circuit opens.
        await Eventually.ThatAsync(() => Shop.OrderAsync(buyer, sku, 1, "tok_slow"), _ => Circuit.State == CircuitState.Open, TimeSpan.FromSeconds(60));
        Assert.Equal(CircuitState.Open, Circuit.State);

        // While it is open, even a good card fails fast, and its units go back.
        var open = await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 1, "tok_visa"), HttpStatusCode.ServiceUnavailable, "payment-unavailable");
        Assert.Contains("failing", open.Str("detail"), StringComparison.Ordinal);
        var stock = await Shop.StockAsync(admin, sku);
        Assert.Equal((4, 0, 1), (stock.Int("available"), stock.Int("reserved"), stock.Int("sold")));

        // After the break, one trial call goes through and closes it again.
        var recovered = await Eventually.ThatAsync(() => Shop.OrderAsync(buyer, sku, 1, "tok_visa"),
            r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal(CircuitState.Closed, Circuit.State);
        Assert.Equal(2, (await Shop.StockAsync(admin, sku)).Int("sold"));
    }
}
