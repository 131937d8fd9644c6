namespace Ecommerce.Api.Tests;

/// <summary>Admission control: what a client over its rate is told, and who else is not affected.</summary>
public sealed class AdmissionTests(AdmissionFixture fixture) : IClassFixture<AdmissionFixture>
{
    [Fact]
    public async Task Registrations_and_logins_over_the_address_limit_get_429_with_retry_after_and_other_addresses_do_not()
    {
        var crowded = fixture.From(fixture.NewAddress());
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await crowded.PostAsJsonAsync("/api/users", new { email = $"{Guid.NewGuid():N}@shop.test", password = "password-1234", name = "Bot" }));
        }

        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = await RefusedAsync(answers[^1]);
        var login = await crowded.PostAsJsonAsync("/api/auth/token", new { email = "someone@shop.test", password = "password-1234" });
        await RefusedAsync(login);

        // The same request from another address goes through.
        var elsewhere = await fixture.From(fixture.NewAddress())
            .PostAsJsonAsync("/api/users", new { email = $"{Guid.NewGuid():N}@shop.test", password = "password-1234", name = "Person" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Contains("Retry-After", refused.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_over_the_address_limit_get_429()
    {
        var client = fixture.From(fixture.NewAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync(i % 2 == 0 ? "/api/products?q=shoe" : "/api/products/suggest?q=sh")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // Product pages are not searches: the output cache and the catalog answer them cheaply.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/products/NO-SUCH-THING")).StatusCode);
    }

    [Fact]
    public async Task A_customer_over_the_write_limit_gets_429_while_other_customers_and_admins_write_on()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 10);
        var hasty = await fixture.CustomerAsync();
        var calm = await fixture.CustomerAsync();

        var writes = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            writes.Add((await hasty.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = i })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], writes);
        await RefusedAsync(await hasty.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 9 }));
        Assert.Equal(3, (await hasty.GetFromJsonAsync<JsonObject>("/api/cart"))!["items"]![0]!.Int("quantity"));
        Assert.Equal(HttpStatusCode.OK, (await calm.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1 })).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = 10 + i })).StatusCode);
        }
    }

    [Fact]
    public async Task Orders_beyond_the_process_queue_get_429_at_once_and_the_admitted_ones_are_placed()
    {
        var admin = await fixture.AdminAsync();
        var sku = await Shop.ProductAsync(admin, units: 100);

        // Admins are not write-limited, so one account can send them all: only the order queue (1 at a time, no
        // waiting room) decides.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Shop.OrderAsync(admin, sku)));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"{a.StatusCode}"));
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests))
        {
            await RefusedAsync(refused);
        }

        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.Created), (await Shop.StockAsync(admin, sku)).Int("sold"));
    }

    [Fact]
    public async Task Forwarded_addresses_are_believed_from_the_known_proxy_only()
    {
        var proxy = IPAddress.Parse(AdmissionFixture.TrustedProxy);
        async Task<HttpStatusCode> SearchAsync(IPAddress from, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products/suggest?q=a");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await fixture.From(from).SendAsync(request)).StatusCode;
        }

        // Through the proxy, each client has its own bucket: one client's sixth search is refused, another's first is not.
        var first = fixture.NewAddress().ToString();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await SearchAsync(proxy, first));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(proxy, fixture.NewAddress().ToString()));

        // From anyone else the header is ignored: a new made-up address per request does not buy new searches.
        var direct = fixture.NewAddress();
        var spoofed = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            spoofed.Add(await SearchAsync(direct, fixture.NewAddress().ToString()));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed[^1]);
    }

    [Fact]
    public async Task Failed_logins_lock_the_account_for_every_address_even_against_the_right_password_then_it_opens_again()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.From(fixture.NewAddress()), email, "password-1234");

        // Three wrong passwords from three addresses (each under its own limits): the third locks the account.
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add(await fixture.From(fixture.NewAddress()).PostAsJsonAsync("/api/auth/token", new { email, password = "password-9999" }));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], wrong.Select(w => w.StatusCode));
        Assert.Contains("failed logins", (await RefusedAsync(wrong[^1])).Str("detail"), StringComparison.Ordinal);
        var right = await fixture.From(fixture.NewAddress()).PostAsJsonAsync("/api/auth/token", new { email, password = "password-1234" });
        Assert.Contains("failed logins", (await RefusedAsync(right)).Str("detail"), StringComparison.Ordinal);

        var opened = await Eventually.ThatAsync(
            () => fixture.From(fixture.NewAddress()).PostAsJsonAsync("/api/auth/token", new { email, password = "password-1234" }),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task Failed_logins_from_one_address_over_many_accounts_lock_that_address_only()
    {
        var email = $"{Guid.NewGuid():N}@shop.test";
        await Shop.RegisterAsync(fixture.From(fixture.NewAddress()), email, "password-1234");
        var guesser = fixture.NewAddress();

        // One wrong password per account (no account reaches its own limit): the address's third failure locks it,
        // and its fourth attempt (still within the address's request rate) is refused for the lockout.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await fixture.From(guesser).PostAsJsonAsync("/api/auth/token",
                new { email = $"victim-{i}-{Guid.NewGuid():N}@shop.test", password = "password-1234" }));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        Assert.Contains("failed logins", (await RefusedAsync(answers[^1])).Str("detail"), StringComparison.Ordinal);

        // The real owner, from elsewhere, is not affected.
        Assert.Equal(HttpStatusCode.OK,
            (await fixture.From(fixture.NewAddress()).PostAsJsonAsync("/api/auth/token", new { email, password = "password-1234" })).StatusCode);
    }

    private static async Task<JsonObject> RefusedAsync(HttpResponseMessage response)
    {
        var problem = await Shop.ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
        return problem;
    }
}
