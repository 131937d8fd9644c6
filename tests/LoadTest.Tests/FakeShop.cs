namespace Ecommerce.LoadTest.Tests;

/// <summary>
/// A test double of the shop's HTTP API: only the routes the load tester calls, all in memory behind one lock,
/// with faults to plant. The load tester's real code path runs against it through an HttpClient.
/// </summary>
public sealed class FakeShop(string adminEmail, string adminPassword) : HttpMessageHandler
{
    private const string AdminToken = "admin-token";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Product> _products = [];
    private readonly Dictionary<string, List<JsonObject>> _orders = [];
    private readonly Dictionary<Guid, JsonObject> _ordersById = [];
    private readonly Dictionary<(string Buyer, string Key), Answer> _answered = [];
    private readonly Dictionary<string, List<JsonObject>> _inbox = [];
    private int _requests;

    /// <summary>Planted fault: sells this many units beyond the stock before answering out of stock.</summary>
    public int OversellBy { get; init; }

    /// <summary>Planted fault: never refuses a buyer for holding too many units.</summary>
    public bool IgnoreLimit { get; init; }

    /// <summary>Planted fault: answers 201 for every n-th order but forgets it (0 = never).</summary>
    public int LoseEveryNthOrder { get; init; }

    /// <summary>Planted fault: every n-th order is kept, and found by its id, but missing from its buyer's list.</summary>
    public int UnlistEveryNthOrder { get; init; }

    /// <summary>
    /// As a dying silo would: every n-th order request places the order but answers 503 (Retry-After: 0), so only a
    /// retry with the same Idempotency-Key learns it was placed.
    /// </summary>
    public int FailEveryNthRequest { get; init; }

    /// <summary>Planted fault: a retry with the same Idempotency-Key places a second order.</summary>
    public bool IgnoreIdempotencyKey { get; init; }

    /// <summary>Planted faults of the inbox: every n-th confirmation missing, or there twice.</summary>
    public int DropInboxEveryNth { get; init; }
    public int RepeatInboxEveryNth { get; init; }

    /// <summary>Planted fault: trending counts this many units more than were sold.</summary>
    public int TrendingOverBy { get; init; }

    /// <summary>Planted fault: this many units stay reserved forever.</summary>
    public int StuckReserved { get; init; }

    /// <summary>How long an order request takes, so that a drill of seconds places tens of orders per buyer, not thousands.</summary>
    public TimeSpan OrderLatency { get; init; }

    /// <summary>Orders per page of GET /api/orders, with a Link to the next page (0: every order on one page).</summary>
    public int OrdersPageSize { get; init; }

    public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://fake-shop/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        var path = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        var token = request.Headers.Authorization?.Parameter;
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.First() : Guid.NewGuid().ToString();
        var after = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["after"];
        if (OrderLatency > TimeSpan.Zero && request.Method == HttpMethod.Post && path is ["api", "orders"])
        {
            await Task.Delay(OrderLatency, cancellationToken);
        }

        lock (_gate)
        {
            return Route(request.Method.Method, path, token, body, key, after is null ? 0 : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private HttpResponseMessage Route(string method, string[] path, string? token, JsonNode? body, string key, int after) => (method, path) switch
    {
        ("POST", ["api", "auth", "token"]) => LogIn(body!),
        ("POST", ["api", "users"]) => Register(body!),
        ("PUT", ["api", "products", var sku]) when token == AdminToken => CreateProduct(sku, body!),
        ("PUT", ["api", "products", var sku, "stock"]) when token == AdminToken => SetStock(sku, body!),
        ("GET", ["api", "products", var sku]) when _products.TryGetValue(sku, out var p) =>
            Json(HttpStatusCode.OK, new { sku, maxPerCustomer = p.MaxPerCustomer }),
        ("GET", ["api", "products", var sku, "stock"]) when _products.TryGetValue(sku, out var p) => Stock(HttpStatusCode.OK, sku, p),
        ("GET", ["api", "products", var sku, "sales"]) when token == AdminToken && _products.TryGetValue(sku, out var p) =>
            Json(HttpStatusCode.OK, new { sku, boughtTogetherUnits = p.Sold, trendingUnits = p.Sold + TrendingOverBy }),
        ("POST", ["api", "orders"]) when Buyer(token) is { } buyer => PlaceOrder(buyer, body!, key),
        ("GET", ["api", "orders"]) when Buyer(token) is { } buyer => OrdersPage(_orders.GetValueOrDefault(buyer) ?? [], after),
        ("GET", ["api", "orders", var id]) when Buyer(token) is { } && _ordersById.TryGetValue(Guid.Parse(id), out var order) =>
            Json(HttpStatusCode.OK, order),
        ("GET", ["api", "notifications"]) when Buyer(token) is { } buyer => Json(HttpStatusCode.OK, _inbox.GetValueOrDefault(buyer) ?? []),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    private HttpResponseMessage OrdersPage(List<JsonObject> orders, int after)
    {
        if (OrdersPageSize == 0)
        {
            return Json(HttpStatusCode.OK, orders);
        }

        var response = Json(HttpStatusCode.OK, orders.Skip(after).Take(OrdersPageSize).ToList());
        if (after + OrdersPageSize < orders.Count)
        {
            response.Headers.TryAddWithoutValidation("Link", $"</api/orders?limit={OrdersPageSize}&after={after + OrdersPageSize}>; rel=\"next\"");
        }

        return response;
    }

    private HttpResponseMessage LogIn(JsonNode body)
    {
        var (email, password) = (body["email"]!.GetValue<string>(), body["password"]!.GetValue<string>());
        if (email == adminEmail && password == adminPassword)
        {
            return Json(HttpStatusCode.OK, new { accessToken = AdminToken, tokenType = "Bearer", expiresIn = 3600 });
        }

        return _passwords.TryGetValue(email, out var known) && known == password
            ? Json(HttpStatusCode.OK, new { accessToken = $"buyer:{email}", tokenType = "Bearer", expiresIn = 3600 })
            : Json(HttpStatusCode.Unauthorized, new { status = 401, detail = "The e-mail address or the password is wrong." });
    }

    private HttpResponseMessage Register(JsonNode body)
    {
        var email = body["email"]!.GetValue<string>();
        return _passwords.TryAdd(email, body["password"]!.GetValue<string>())
            ? Json(HttpStatusCode.Created, new { id = Guid.NewGuid(), email, name = body["name"]!.GetValue<string>() })
            : Json(HttpStatusCode.Conflict, new { status = 409, detail = "An account with this e-mail address exists already." });
    }

    private HttpResponseMessage CreateProduct(string sku, JsonNode body)
    {
        var created = !_products.ContainsKey(sku);
        _products[sku] = new Product { MaxPerCustomer = body["maxPerCustomer"]?.GetValue<int>() };
        return Json(created ? HttpStatusCode.Created : HttpStatusCode.OK, new { sku });
    }

    private HttpResponseMessage SetStock(string sku, JsonNode body)
    {
        var product = _products[sku];
        product.OnHand = body["onHand"]!.GetValue<int>();
        product.Reserved = StuckReserved;
        return Stock(HttpStatusCode.OK, sku, product);
    }

    private HttpResponseMessage PlaceOrder(string buyer, JsonNode body, string key)
    {
        if (!IgnoreIdempotencyKey && _answered.TryGetValue((buyer, key), out var first))
        {
            return Replay(first);
        }

        var answer = Decide(buyer, body);
        _answered[(buyer, key)] = answer;
        return FailEveryNthRequest > 0 && ++_requests % FailEveryNthRequest == 0
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } }
            : Replay(answer);
    }

    /// <summary>An order's answer, kept so that a retry with the same Idempotency-Key gets it again.</summary>
    private sealed record Answer(HttpStatusCode Status, object Body, Guid? Location);

    private static HttpResponseMessage Replay(Answer answer)
    {
        var response = Json(answer.Status, answer.Body);
        response.Headers.Location = answer.Location is { } id ? new Uri($"/api/orders/{id}", UriKind.Relative) : null;
        return response;
    }

    private Answer Decide(string buyer, JsonNode body)
    {
        var line = body["items"]![0]!;
        var (sku, quantity) = (line["sku"]!.GetValue<string>(), line["quantity"]!.GetValue<int>());
        var product = _products[sku];
        var held = product.HeldBy.GetValueOrDefault(buyer);
        if (product.MaxPerCustomer is { } max && held + quantity > max && !IgnoreLimit)
        {
            return new Answer(HttpStatusCode.UnprocessableEntity, new { status = 422, detail = "Limit per customer exceeded." }, null);
        }

        if (product.Sold + product.Reserved + quantity > product.OnHand + OversellBy)
        {
            return new Answer(HttpStatusCode.Conflict, new { status = 409, detail = "Out of stock." }, null);
        }

        product.Sold += quantity;
        product.HeldBy[buyer] = held + quantity;
        var id = Guid.NewGuid();
        var order = new JsonObject
        {
            ["id"] = id,
            ["status"] = "Confirmed",
            ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity, ["unitPrice"] = 9.99m }),
        };
        product.OrdersPlaced++;
        var n = product.OrdersPlaced;
        if (LoseEveryNthOrder == 0 || n % LoseEveryNthOrder != 0)
        {
            _ordersById[id] = order;
            if (UnlistEveryNthOrder == 0 || n % UnlistEveryNthOrder != 0)
            {
                (_orders.TryGetValue(buyer, out var list) ? list : _orders[buyer] = []).Add(order);
            }

            var copies = DropInboxEveryNth > 0 && n % DropInboxEveryNth == 0 ? 0 : RepeatInboxEveryNth > 0 && n % RepeatInboxEveryNth == 0 ? 2 : 1;
            for (var i = 0; i < copies; i++)
            {
                (_inbox.TryGetValue(buyer, out var inbox) ? inbox : _inbox[buyer] = [])
                    .Add(new JsonObject { ["id"] = Guid.NewGuid(), ["kind"] = "OrderConfirmed", ["orderId"] = id, ["createdAt"] = DateTimeOffset.UtcNow });
            }
        }

        return new Answer(HttpStatusCode.Created, order, id);
    }

    private static string? Buyer(string? token) => token is not null && token.StartsWith("buyer:", StringComparison.Ordinal) ? token[6..] : null;

    private static HttpResponseMessage Stock(HttpStatusCode status, string sku, Product p) =>
        Json(status, new { sku, available = Math.Max(0, p.OnHand - p.Sold - p.Reserved), reserved = p.Reserved, sold = p.Sold });

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };

    private sealed class Product
    {
        public int? MaxPerCustomer { get; init; }
        public int OnHand { get; set; }
        public int Sold { get; set; }
        public int Reserved { get; set; }
        public int OrdersPlaced { get; set; }
        public Dictionary<string, int> HeldBy { get; } = [];
    }
}
