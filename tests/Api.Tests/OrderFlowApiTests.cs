using Ecommerce.Grains.Payments;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Ecommerce.Api.Tests;

/// <summary>Checkout to confirmation over HTTP, and what the order's events feed: the inbox and the recommendations.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderFlowApiTests(ApiFixture fixture)
{
    private IGrainFactory Grains => fixture.SiloServices.GetRequiredService<IGrainFactory>();

    private SimulatedPaymentGateway Processor => fixture.SiloServices.GetRequiredService<SimulatedPaymentGateway>();

    [Fact]
    public async Task A_confirmed_order_is_paid_once_sells_its_units_notifies_its_buyer_and_feeds_recommendations()
    {
        var admin = await fixture.AdminAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        var shoe = await Shop.ProductAsync(admin, units: 10, name: $"Shoe {tag}", price: 80m);
        var sock = await Shop.ProductAsync(admin, units: 10, name: $"Sock {tag}", price: 5m);
        var (first, _) = await fixture.CustomerAsync();
        var (second, _) = await fixture.CustomerAsync();

        var placed = await first.PostAsJsonAsync("/api/orders", new
        {
            items = new[] { new { sku = shoe, quantity = 1 }, new { sku = sock, quantity = 2 } },
            payment = new { method = "card", token = "tok_visa" },
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var payment = (await Grains.Grain<IOrderGrain>(orderId).GetPaymentAsync())!;
        Assert.Equal((PaymentStatus.Charged, 1, 90m), (payment.Status, payment.Charges, payment.Amount));
        Assert.Equal(1, Processor.ChargesFor(orderId.ToString("N")));
        Assert.Equal(1, (await Shop.StockAsync(admin, shoe)).Int("sold"));
        Assert.Equal(2, (await Shop.StockAsync(admin, sock)).Int("sold"));

        var inbox = await Eventually.ThatAsync(() => first.GetFromJsonAsync<JsonArray>("/api/notifications")!, n => n!.Count > 0);
        var message = Assert.Single(inbox!)!;
        Assert.Equal(("OrderConfirmed", orderId.ToString()), (message.Str("kind"), message.Str("orderId")));
        Assert.Contains("confirmed", message.Str("message"), StringComparison.Ordinal);

        var together = await Eventually.ThatAsync(() => admin.GetFromJsonAsync<JsonArray>($"/api/products/{shoe}/recommendations")!,
            t => t!.Count > 0);
        Assert.Equal(sock, together![0]!.Str("sku"));

        // The second buyer buys the shoe only: what others bought with it (the sock) becomes theirs to see.
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(second, shoe)).StatusCode);
        var forSecond = await Eventually.ThatAsync(() => second.GetFromJsonAsync<JsonArray>("/api/recommendations")!,
            r => r!.Any(p => p!.Str("sku") == sock));
        Assert.DoesNotContain(forSecond!, p => p!.Str("sku") == shoe);
        var trending = await Eventually.ThatAsync(() => admin.GetFromJsonAsync<JsonArray>("/api/products/trending?limit=50")!,
            t => t!.Any(p => p!.Str("sku") == shoe));
        Assert.Contains(trending!, p => p!.Str("sku") == sock);
    }

    [Fact]
    public async Task A_cancelled_order_is_refunded_and_its_buyer_told_once()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 3);
        var (buyer, _) = await fixture.CustomerAsync();
        var id = (await (await Shop.OrderAsync(buyer, sku, 2)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/orders/{id}/cancel", null)).StatusCode);

        var payment = (await Grains.Grain<IOrderGrain>(id).GetPaymentAsync())!;
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.True(Processor.IsRefunded(payment.ChargeId!));
        var inbox = await Eventually.ThatAsync(() => buyer.GetFromJsonAsync<JsonArray>("/api/notifications")!, n => n!.Count == 2);
        Assert.Equal(["OrderCancelled", "OrderConfirmed"], inbox!.Select(n => n!.Str("kind")));
    }

    [Fact]
    public async Task Ten_concurrent_retries_of_one_key_charge_once()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10);
        var (buyer, userId) = await fixture.CustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Shop.OrderAsync(buyer, sku, 1, idempotencyKey: "pay-once")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var orderId = Ecommerce.Orders.OrderIds.ForIdempotencyKey(userId, "pay-once");
        Assert.Equal(1, (await Grains.Grain<IOrderGrain>(orderId).GetPaymentAsync())!.Charges);
        Assert.Equal(1, Processor.ChargesFor(orderId.ToString("N")));
    }

    [Fact]
    public async Task Recommendations_fall_back_to_trending_for_a_buyer_with_no_history()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5);
        var (buyer, _) = await fixture.CustomerAsync();
        var (newcomer, _) = await fixture.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku)).StatusCode);

        var trending = await Eventually.ThatAsync(() => admin.GetFromJsonAsync<JsonArray>("/api/products/trending?limit=50")!,
            t => t!.Any(p => p!.Str("sku") == sku));
        var forNewcomer = (await newcomer.GetFromJsonAsync<JsonArray>("/api/recommendations?limit=50"))!;

        Assert.Equal(trending!.Select(p => p!.Str("sku")), forNewcomer.Select(p => p!.Str("sku")));
        await Shop.ProblemAsync(await newcomer.GetAsync("/api/recommendations?limit=0"), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await admin.GetAsync("/api/products/NO-SUCH/recommendations"), HttpStatusCode.NotFound);
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/notifications"), HttpStatusCode.Unauthorized);
    }
}
