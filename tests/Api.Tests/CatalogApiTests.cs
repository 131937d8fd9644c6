namespace Ecommerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CatalogApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Admins_create_and_update_products_that_anyone_can_read()
    {
        var admin = await fixture.AdminAsync();
        var sku = $"C-{Guid.NewGuid():N}"[..16];
        var product = new { name = "Trail Shoe", description = "Grippy", category = "Shoes", price = 120.5m, currency = "EUR", maxPerCustomer = 2 };

        var created = await admin.PutAsJsonAsync($"/api/products/{sku}", product);
        var updated = await admin.PutAsJsonAsync($"/api/products/{sku}", product with { price = 99m });
        var read = (await fixture.Anonymous().GetFromJsonAsync<JsonObject>($"/api/products/{sku}"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(sku, read.Str("sku"));
        Assert.Equal(99m, read["price"]!.GetValue<decimal>());
        Assert.Equal(("Trail Shoe", "Shoes", "EUR", 2, 0), (read.Str("name"), read.Str("category"), read.Str("currency"), read.Int("maxPerCustomer"), read.Int("available")));
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[{}]")]
    [InlineData("[{\"sku\":\"../x\",\"name\":\"N\",\"category\":\"C\",\"price\":1,\"currency\":\"EUR\"}]")]
    [InlineData("[{\"sku\":\"OK-1\",\"name\":\"N\",\"category\":\"C\",\"price\":-1,\"currency\":\"EUR\"}]")]
    public async Task An_import_with_a_broken_item_is_400_and_imports_nothing(string body)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.PostAsync(new Uri("/api/products/import", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Shop.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous().GetAsync("/api/products/OK-1")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_change_the_catalog()
    {
        var (customer, _) = await fixture.CustomerAsync();
        var body = new { name = "X", description = "", category = "C", price = 1m, currency = "EUR" };

        await Shop.ProblemAsync(await customer.PutAsJsonAsync("/api/products/NOPE-1", body), HttpStatusCode.Forbidden, "forbidden");
        await Shop.ProblemAsync(await fixture.Anonymous().PutAsJsonAsync("/api/products/NOPE-1", body), HttpStatusCode.Unauthorized);
        await Shop.ProblemAsync(await customer.PutAsJsonAsync("/api/products/NOPE-1/stock", new { onHand = 3 }), HttpStatusCode.Forbidden);
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/products/NOPE-1"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"name":"","category":"C","price":1,"currency":"EUR"}""", "name")]
    [InlineData("""{"name":"N","category":"C","price":-1,"currency":"EUR"}""", "price")]
    [InlineData("""{"name":"N","category":"C","price":1,"currency":"euro"}""", "currency")]
    [InlineData("""{"name":"N","category":"C","price":1,"currency":"EUR","maxPerCustomer":0}""", "maxPerCustomer")]
    public async Task Invalid_products_are_refused_with_the_field_at_fault(string json, string field)
    {
        var admin = await fixture.AdminAsync();
        var sku = $"V-{Guid.NewGuid():N}"[..16];

        var response = await admin.PutAsync($"/api/products/{sku}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Shop.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync($"/api/products/{sku}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_skus_bodies_and_stock_are_client_errors()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 1);

        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/products/bad%20sku!"), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = -1 }), HttpStatusCode.BadRequest, "validation");
        await Shop.ProblemAsync(await admin.PutAsJsonAsync("/api/products/NO-SUCH/stock", new { onHand = 1 }), HttpStatusCode.NotFound);
        await Shop.ProblemAsync(await admin.PutAsync($"/api/products/{sku}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(1, (await Shop.StockAsync(fixture.Anonymous(), sku)).Int("available"));
    }

    [Fact]
    public async Task Stock_reads_carry_an_etag_that_changes_with_the_stock()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5);
        var http = fixture.Anonymous();

        var first = await http.GetAsync($"/api/products/{sku}/stock");
        var etag = first.Headers.ETag!;
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{sku}/stock");
        conditional.Headers.IfNoneMatch.Add(etag);
        var unchanged = await http.SendAsync(conditional);
        var (buyer, _) = await fixture.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku)).StatusCode);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{sku}/stock");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(4, (await changed.Content.ReadFromJsonAsync<JsonObject>())!.Int("available"));
    }

    [Fact]
    public async Task Stock_cannot_be_set_below_what_buyers_hold_and_sold_units_stay_counted()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5);
        var (buyer, _) = await fixture.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Shop.OrderAsync(buyer, sku, 2)).StatusCode);

        var restocked = (await (await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = 10 })).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal((10, 0, 2), (restocked.Int("available"), restocked.Int("reserved"), restocked.Int("sold")));
    }

    [Fact]
    public async Task Search_finds_words_in_name_description_and_category_with_filters_paging_and_facets()
    {
        var admin = await fixture.AdminAsync();
        var tag = $"zq{Guid.NewGuid():N}"[..10];
        await Shop.ProductAsync(admin, 1, name: $"{tag} Espresso Machine", category: "Kitchen", price: 300m);
        await Shop.ProductAsync(admin, 1, name: "Coffee Grinder", description: $"Pairs with any {tag} brewer", category: "Kitchen", price: 80m);
        await Shop.ProductAsync(admin, 1, name: "Mug", category: $"{tag}ware", price: 9m);
        var http = fixture.Anonymous();

        // The search index is a read model fed by the catalog feed: it is current within a second, not instantly.
        var all = (await Eventually.ThatAsync(() => http.GetFromJsonAsync<JsonObject>($"/api/products?q={tag}")!, r => r!.Int("total") == 3))!;
        var prefix = (await http.GetFromJsonAsync<JsonObject>($"/api/products?q={tag[..6]}"))!;
        var kitchen = (await http.GetFromJsonAsync<JsonObject>($"/api/products?q={tag}&category=Kitchen&maxPrice=100"))!;
        var page2 = (await http.GetFromJsonAsync<JsonObject>($"/api/products?q={tag}&sort=price&page=2&pageSize=2"))!;
        var dropped = (await http.GetFromJsonAsync<JsonObject>($"/api/products?q={tag.ToUpperInvariant()}%20xylophonic"))!;

        Assert.Equal(3, all.Int("total"));
        Assert.Equal(tag, all.Str("matchedQuery"));
        // No product has both words: the last is dropped, and the answer says so. The word kept was typed whole (a word
        // followed it), so it is no prefix: the product of category "{tag}ware" is not among them.
        Assert.Equal(2, dropped.Int("total"));
        Assert.Equal(tag.ToUpperInvariant(), dropped.Str("matchedQuery"));
        Assert.StartsWith(tag, all["items"]![0]!.Str("name"));
        Assert.Equal(3, prefix.Int("total"));
        Assert.Equal("Coffee Grinder", Assert.Single(kitchen["items"]!.AsArray())!.Str("name"));
        Assert.Equal(3, all["facets"]!["categories"]!.AsArray().Sum(c => c!.Int("count")));
        Assert.Equal(3, all["facets"]!["priceRanges"]!.AsArray().Sum(c => c!.Int("count")));
        Assert.Equal(300m, Assert.Single(page2["items"]!.AsArray())!["price"]!.GetValue<decimal>());
        var suggestions = (await http.GetFromJsonAsync<JsonArray>($"/api/products/suggest?q={tag[..7]}"))!;
        Assert.Equal(3, suggestions.Count);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=10000")]
    [InlineData("minPrice=50&maxPrice=10")]
    [InlineData("sort=cheapest")]
    [InlineData("minPrice=abc")]
    public async Task Bad_search_parameters_are_client_errors(string query)
    {
        var response = await fixture.Anonymous().GetAsync($"/api/products?{query}");

        await Shop.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}

[Collection(ApiCollection.Name)]
public sealed class CatalogReadsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_product_read_is_304_while_unchanged_and_200_with_a_new_etag_right_after_a_change()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 5, name: "Etag Kettle");
        var http = fixture.Anonymous();
        var first = await http.GetAsync($"/api/products/{sku}");
        var etag = first.Headers.ETag!;

        var unchanged = await Conditional(http, sku, etag);
        await admin.PutAsJsonAsync($"/api/products/{sku}", new { name = "Etag Kettle Two", description = "", category = "Tests", price = 5m, currency = "EUR" });
        var changed = await Conditional(http, sku, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal("Etag Kettle Two", (await changed.Content.ReadFromJsonAsync<JsonObject>())!.Str("name"));
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=*")]
    [InlineData("q=%22unbalanced")]
    [InlineData("q=(AND%20OR%20NOT)")]
    [InlineData("q=title:foo~2^3")]
    [InlineData("q=%5C%5C%5C")]
    [InlineData("q=a%2Bb-c%26%26d%7C%7Ce!f%7Bg%7Dh%5Bi%5Dj")]
    [InlineData("q=%E2%9C%93%F0%9F%91%9F%20%E6%B8%AC%E8%A9%A6")]
    [InlineData("category=%00&q=x")]
    public async Task Syntax_breaking_queries_get_a_sane_result_never_an_error(string query)
    {
        var response = await fixture.Anonymous().GetAsync($"/api/products?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(page.Int("total") >= 0);
    }

    [Theory]
    [InlineData("q=", 201)]
    [InlineData("category=", 101)]
    public async Task Overlong_parameters_are_400s(string parameter, int length)
    {
        var response = await fixture.Anonymous().GetAsync($"/api/products?{parameter}{new string('x', length)}");

        await Shop.ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Paging_deeper_than_the_window_is_a_400()
    {
        await Shop.ProblemAsync(await fixture.Anonymous().GetAsync("/api/products?page=101&pageSize=100"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/api/products?page=100&pageSize=100")).StatusCode);
    }

    private static Task<HttpResponseMessage> Conditional(HttpClient http, string sku, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{sku}");
        request.Headers.IfNoneMatch.Add(etag);
        return http.SendAsync(request);
    }
}
