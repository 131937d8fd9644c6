namespace Ecommerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Checking_out_the_cart_confirms_an_order_sells_its_units_and_empties_the_cart()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10, price: 5m);
        var (buyer, _) = await fixture.CustomerAsync();
        await buyer.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 3 });

        var response = await buyer.PostAsJsonAsync("/api/orders", new { payment = new { method = "card", token = "tok_visa" }, shippingAddress = "1 Main St" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Confirmed", order.Str("status"));
        Assert.Equal(15m, order["total"]!.GetValue<decimal>());
        Assert.Equal(["Pending", "Reserved", "Paid", "Confirmed"], order["history"]!.AsArray().Select(h => h!.Str("status")));
        Assert.Equal($"/api/orders/{order.Str("id")}", response.Headers.Location!.OriginalString);
        Assert.Empty((await buyer.GetFromJsonAsync<JsonObject>("/api/cart"))!["items"]!.AsArray());
        var stock = await Shop.StockAsync(buyer, sku);
        Assert.Equal((7, 0, 3), (stock.Int("available"), stock.Int("reserved"), stock.Int("sold")));
    }

    [Fact]
    public async Task Orders_are_listed_newest_first_and_only_to_their_buyer()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10);
        var (buyer, _) = await fixture.CustomerAsync();
        var (stranger, _) = await fixture.CustomerAsync();
        var first = (await (await Shop.OrderAsync(buyer, sku)).Content.ReadFromJsonAsync<JsonObject>())!.Str("id");
        var second = (await (await Shop.OrderAsync(buyer, sku, 2)).Content.ReadFromJsonAsync<JsonObject>())!.Str("id");

        var list = (await buyer.GetFromJsonAsync<JsonArray>("/api/orders"))!;
        var own = await buyer.GetAsync($"/api/orders/{first}");

        Assert.Equal([second, first], list.Select(o => o!.Str("id")));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await Shop.ProblemAsync(await stranger.GetAsync($"/api/orders/{first}"), HttpStatusCode.NotFound, "not-found");
        await Shop.ProblemAsync(await stranger.PostAsync($"/api/orders/{first}/cancel", null), HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await stranger.GetFromJsonAsync<JsonArray>("/api/orders"))!);
        await Shop.ProblemAsync(await buyer.GetAsync($"/api/orders/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Orders_page_by_cursor_each_once_newest_first_following_the_next_link()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 20);
        var (buyer, _) = await fixture.CustomerAsync();
        var placed = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            placed.Add((await (await Shop.OrderAsync(buyer, sku)).Content.ReadFromJsonAsync<JsonObject>())!.Str("id"));
        }

        var seen = new List<string>();
        var pages = 0;
        for (var next = "/api/orders?limit=3"; next is not null; pages++)
        {
            var page = await buyer.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            seen.AddRange((await page.Content.ReadFromJsonAsync<JsonArray>())!.Select(o => o!.Str("id")));
            next = page.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(links.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value
                : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(placed), seen);
        Assert.Equal(placed.AsEnumerable().Reverse().Take(5), (await buyer.GetFromJsonAsync<JsonArray>("/api/orders?limit=5"))!.Select(o => o!.Str("id")));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=abc")]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=AAAA")]
    public async Task A_bad_page_request_is_400(string query)
    {
        var (buyer, _) = await fixture.CustomerAsync();
        await Shop.ProblemAsync(await buyer.GetAsync($"/api/orders?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_order_beyond_the_stock_is_409_out_of_stock_naming_the_sku()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 2);
        var (buyer, _) = await fixture.CustomerAsync();

        var problem = await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 3), HttpStatusCode.Conflict, "out-of-stock");

        Assert.Equal(sku, problem.Str("sku"));
        Assert.Equal(2, (await Shop.StockAsync(buyer, sku)).Int("available"));
    }

    [Fact]
    public async Task A_product_before_its_sale_is_409_not_on_sale()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5, availableFrom: DateTimeOffset.UtcNow.AddDays(1));
        var (buyer, _) = await fixture.CustomerAsync();

        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku), HttpStatusCode.Conflict, "not-on-sale");
        Assert.Equal(5, (await Shop.StockAsync(buyer, sku)).Int("available"));
    }

    [Fact]
    public async Task Buying_beyond_the_limit_per_customer_is_422_limit_exceeded()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10, maxPerCustomer: 2);
        var (buyer, _) = await fixture.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, 2)).StatusCode);

        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 1), HttpStatusCode.UnprocessableEntity, "limit-exceeded");
        Assert.Equal(8, (await Shop.StockAsync(buyer, sku)).Int("available"));
    }

    [Theory]
    [InlineData("tok_decline", HttpStatusCode.PaymentRequired, "payment-declined")]
    [InlineData("tok_fail", HttpStatusCode.ServiceUnavailable, "payment-unavailable")]
    public async Task A_failed_payment_is_a_problem_and_releases_the_stock(string token, HttpStatusCode status, string type)
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 3);
        var (buyer, _) = await fixture.CustomerAsync();

        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, 2, token), status, type);

        var stock = await Shop.StockAsync(buyer, sku);
        Assert.Equal((3, 0, 0), (stock.Int("available"), stock.Int("reserved"), stock.Int("sold")));
    }

    [Fact]
    public async Task The_same_idempotency_key_ten_times_at_once_makes_one_order()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10);
        var (buyer, _) = await fixture.CustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Shop.OrderAsync(buyer, sku, 2, idempotencyKey: "once")));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>())!.Str("id")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(ids.Distinct());
        Assert.Equal(2, (await Shop.StockAsync(buyer, sku)).Int("sold"));
        Assert.Single((await buyer.GetFromJsonAsync<JsonArray>("/api/orders"))!);
        var reused = await Shop.OrderAsync(buyer, sku, 5, idempotencyKey: "once");
        await Shop.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(2, (await Shop.StockAsync(buyer, sku)).Int("sold"));
    }

    [Fact]
    public async Task A_cancelled_order_gives_its_units_back_and_cannot_be_cancelled_again()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 4);
        var (buyer, _) = await fixture.CustomerAsync();
        var id = (await (await Shop.OrderAsync(buyer, sku, 4)).Content.ReadFromJsonAsync<JsonObject>())!.Str("id");

        var cancelled = await buyer.PostAsync($"/api/orders/{id}/cancel", null);
        var again = await buyer.PostAsync($"/api/orders/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!.Str("status"));
        await Shop.ProblemAsync(again, HttpStatusCode.Conflict, "not-cancellable");
        Assert.Equal(4, (await Shop.StockAsync(buyer, sku)).Int("available"));
    }

    [Fact]
    public async Task Invalid_orders_are_400s_that_change_nothing()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 4);
        var (buyer, _) = await fixture.CustomerAsync();
        var payment = new { method = "card", token = "tok_visa" };

        await Shop.ProblemAsync(await buyer.PostAsJsonAsync("/api/orders", new { payment }), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await buyer.PostAsJsonAsync("/api/orders", new { items = new[] { new { sku, quantity = 0 } }, payment }),
            HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await buyer.PostAsJsonAsync("/api/orders", new { items = new[] { new { sku, quantity = 1 } } }),
            HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await buyer.PostAsJsonAsync("/api/orders", new { items = new[] { new { sku = "NO-SUCH", quantity = 1 } }, payment }),
            HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await buyer.PostAsync("/api/orders", new StringContent("""{"items":[{"sku":1}]""", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "bad-request");
        await Shop.ProblemAsync(await Shop.OrderAsync(buyer, sku, idempotencyKey: new string('k', 201)), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await fixture.Anonymous().PostAsJsonAsync("/api/orders", new { payment }), HttpStatusCode.Unauthorized);
        Assert.Equal(4, (await Shop.StockAsync(buyer, sku)).Int("available"));
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/orders"))!);
    }

    [Fact]
    public async Task Two_hundred_buyers_racing_for_fifty_units_over_http_buy_exactly_fifty()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 50);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => fixture.CustomerAsync()));

        var responses = await Task.WhenAll(buyers.Select(b => Shop.OrderAsync(b.Client, sku)));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(150, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var stock = await Shop.StockAsync(admin, sku);
        Assert.Equal((0, 0, 50), (stock.Int("available"), stock.Int("reserved"), stock.Int("sold")));
    }
}
