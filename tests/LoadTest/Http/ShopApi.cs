namespace Ecommerce.LoadTest.Http;

/// <summary>
/// The shop's HTTP routes the load tester calls (API.md), over a caller's HttpClient whose BaseAddress is the API:
/// the real one from Program, a test host's, or a test double's.
/// </summary>
public sealed class ShopApi(HttpClient http)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> LogInAsync(string email, string password, CancellationToken cancellation = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/token", new { email, password }, Json, cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, $"log in as {email}", cancellation);
        var token = await response.Content.ReadFromJsonAsync<IssuedToken>(Json, cancellation);
        return token?.AccessToken ?? throw new ShopApiException($"Logging in as {email} answered no accessToken.");
    }

    public async Task RegisterAsync(string email, string password, string name, CancellationToken cancellation = default)
    {
        using var response = await http.PostAsJsonAsync("api/users", new { email, password, name }, Json, cancellation);
        await EnsureAsync(response, HttpStatusCode.Created, $"register {email}", cancellation);
    }

    public async Task CreateProductAsync(string adminToken, string sku, int? maxPerCustomer, CancellationToken cancellation = default)
    {
        var product = new
        {
            name = $"Flash sale {sku}",
            description = "A product made by the flash-sale load tester.",
            category = "Load test",
            price = 9.99m,
            currency = "EUR",
            maxPerCustomer,
        };
        using var request = Authorized(HttpMethod.Put, $"api/products/{sku}", adminToken, JsonContent.Create(product, options: Json));
        using var response = await http.SendAsync(request, cancellation);
        await EnsureAsync(response, HttpStatusCode.Created, $"create product {sku}", cancellation);
    }

    public async Task<StockLevel> SetStockAsync(string adminToken, string sku, int onHand, CancellationToken cancellation = default)
    {
        using var request = Authorized(HttpMethod.Put, $"api/products/{sku}/stock", adminToken, JsonContent.Create(new { onHand }, options: Json));
        using var response = await http.SendAsync(request, cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, $"set the stock of {sku} to {onHand}", cancellation);
        return await ReadAsync<StockLevel>(response, cancellation);
    }

    /// <summary>One call of the bulk import; the body is the JSON array of products, serialized by the caller.</summary>
    public async Task<ImportAnswer> ImportAsync(string adminToken, byte[] products, CancellationToken cancellation = default)
    {
        var content = new ByteArrayContent(products);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = Authorized(HttpMethod.Post, "api/products/import", adminToken, content);
        using var response = await http.SendAsync(request, cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, "import products", cancellation);
        return await ReadAsync<ImportAnswer>(response, cancellation);
    }

    public async Task<ProductTerms> GetProductAsync(string sku, CancellationToken cancellation = default)
    {
        using var response = await http.GetAsync($"api/products/{sku}", cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, $"read product {sku}", cancellation);
        return await ReadAsync<ProductTerms>(response, cancellation);
    }

    public async Task<StockLevel> GetStockAsync(string sku, CancellationToken cancellation = default)
    {
        using var response = await http.GetAsync($"api/products/{sku}/stock", cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, $"read the stock of {sku}", cancellation);
        return await ReadAsync<StockLevel>(response, cancellation);
    }

    /// <summary>Every order of the buyer, newest first: page after page while the answer's Link header names a next one.</summary>
    public async Task<IReadOnlyList<OrderSummary>> GetOrdersAsync(string buyerToken, CancellationToken cancellation = default)
    {
        var orders = new List<OrderSummary>();
        for (Uri? page = new("api/orders?limit=200", UriKind.Relative); page is not null;)
        {
            using var request = Authorized(HttpMethod.Get, page.ToString(), buyerToken, content: null);
            using var response = await http.SendAsync(request, cancellation);
            await EnsureAsync(response, HttpStatusCode.OK, "read a buyer's orders", cancellation);
            orders.AddRange(await ReadAsync<List<OrderSummary>>(response, cancellation));
            page = NextPage(response);
        }

        return orders;
    }

    /// <summary>One order by its id, as its buyer sees it; null when the API answers 404.</summary>
    public async Task<OrderSummary?> GetOrderAsync(string buyerToken, Guid id, CancellationToken cancellation = default)
    {
        using var request = Authorized(HttpMethod.Get, $"api/orders/{id}", buyerToken, content: null);
        using var response = await http.SendAsync(request, cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, HttpStatusCode.OK, $"read order {id}", cancellation);
        return await ReadAsync<OrderSummary>(response, cancellation);
    }

    public async Task<IReadOnlyList<InboxMessage>> GetNotificationsAsync(string buyerToken, CancellationToken cancellation = default)
    {
        using var request = Authorized(HttpMethod.Get, "api/notifications", buyerToken, content: null);
        using var response = await http.SendAsync(request, cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, "read a buyer's notifications", cancellation);
        return await ReadAsync<List<InboxMessage>>(response, cancellation);
    }

    /// <summary>The units of a product's sales as its event consumers counted them (an admin route).</summary>
    public async Task<SalesCounts> GetSalesCountsAsync(string adminToken, string sku, CancellationToken cancellation = default)
    {
        using var request = Authorized(HttpMethod.Get, $"api/products/{sku}/sales", adminToken, content: null);
        using var response = await http.SendAsync(request, cancellation);
        await EnsureAsync(response, HttpStatusCode.OK, $"read the sales of {sku} as its event consumers counted them", cancellation);
        return await ReadAsync<SalesCounts>(response, cancellation);
    }

    /// <summary>The target of a <c>Link: &lt;...&gt;; rel="next"</c> header, relative to the API's address; null without one.</summary>
    public static Uri? NextPage(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=next" or "rel=\"next\""))
            {
                var target = parts[0][1..^1];

                // Relative to the API's base address (which may carry a path prefix), whether the server wrote it absolute or not.
                // (On Linux "/api/orders" parses as an absolute file: URI, so only http(s) counts as absolute here.)
                return Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                    ? new Uri(absolute.PathAndQuery.TrimStart('/'), UriKind.Relative)
                    : new Uri(target.TrimStart('/'), UriKind.Relative);
            }
        }

        return null;
    }

    /// <summary>
    /// One attempt at an order: a fresh Idempotency-Key each time, since every attempt of the race is a new purchase.
    /// The body is serialized once by the caller and shared, so the race measures the shop rather than the serializer.
    /// </summary>
    public static HttpRequestMessage PlaceOrderRequest(string buyerToken, byte[] body, bool withKey = true)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = Authorized(HttpMethod.Post, "api/orders", buyerToken, content);
        if (withKey)
        {
            request.Headers.Add(IdempotencyKeyHeader, Guid.NewGuid().ToString());
        }

        return request;
    }

    public static byte[] OrderBody(string sku, int quantity, string paymentToken) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            items = new[] { new { sku, quantity } },
            payment = new { method = "card", token = paymentToken },
        }, Json);

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellation) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellation)
        ?? throw new ShopApiException($"{response.RequestMessage?.RequestUri} answered an empty body.");

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellation)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        // The problem document's detail says why (wrong password, unknown SKU, ...); cut, it is for a console line.
        var body = await response.Content.ReadAsStringAsync(cancellation);
        var detail = ProblemDetail(body) ?? (body.Length > 300 ? body[..300] : body);
        throw new ShopApiException(
            $"Could not {what}: the API answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail.Length > 0 ? $": {detail}" : "")}",
            response.StatusCode);
    }

    private static string? ProblemDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail)
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
