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

    /// <summary>Planted fault: sells this many units beyond the stock before answering out of stock.</summary>
    public int OversellBy { get; init; }

    /// <summary>Planted fault: never refuses a buyer for holding too many units.</summary>
    public bool IgnoreLimit { get; init; }

    /// <summary>Planted fault: answers 201 for every n-th order but forgets it (0 = never).</summary>
    public int LoseEveryNthOrder { get; init; }

    public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://fake-shop/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        var path = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        var token = request.Headers.Authorization?.Parameter;
        lock (_gate)
        {
            return Route(request.Method.Method, path, token, body);
        }
    }

    private HttpResponseMessage Route(string method, string[] path, string? token, JsonNode? body) => (method, path) switch
    {
        ("POST", ["api", "auth", "token"]) => LogIn(body!),
        ("POST", ["api", "users"]) => Register(body!),
        ("PUT", ["api", "products", var sku]) when token == AdminToken => CreateProduct(sku, body!),
        ("PUT", ["api", "products", var sku, "stock"]) when token == AdminToken => SetStock(sku, body!),
        ("GET", ["api", "products", var sku]) when _products.TryGetValue(sku, out var p) =>
            Json(HttpStatusCode.OK, new { sku, maxPerCustomer = p.MaxPerCustomer }),
        ("GET", ["api", "products", var sku, "stock"]) when _products.TryGetValue(sku, out var p) => Stock(HttpStatusCode.OK, sku, p),
        ("POST", ["api", "orders"]) when Buyer(token) is { } buyer => PlaceOrder(buyer, body!),
        ("GET", ["api", "orders"]) when Buyer(token) is { } buyer => Json(HttpStatusCode.OK, _orders.GetValueOrDefault(buyer) ?? []),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

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
        return Stock(HttpStatusCode.OK, sku, product);
    }

    private HttpResponseMessage PlaceOrder(string buyer, JsonNode body)
    {
        var line = body["items"]![0]!;
        var (sku, quantity) = (line["sku"]!.GetValue<string>(), line["quantity"]!.GetValue<int>());
        var product = _products[sku];
        var held = product.HeldBy.GetValueOrDefault(buyer);
        if (product.MaxPerCustomer is { } max && held + quantity > max && !IgnoreLimit)
        {
            return Json(HttpStatusCode.UnprocessableEntity, new { status = 422, detail = "Limit per customer exceeded." });
        }

        if (product.Sold + quantity > product.OnHand + OversellBy)
        {
            return Json(HttpStatusCode.Conflict, new { status = 409, detail = "Out of stock." });
        }

        product.Sold += quantity;
        product.HeldBy[buyer] = held + quantity;
        var order = new JsonObject
        {
            ["id"] = Guid.NewGuid(),
            ["status"] = "Confirmed",
            ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity, ["unitPrice"] = 9.99m }),
        };
        product.OrdersPlaced++;
        if (LoseEveryNthOrder == 0 || product.OrdersPlaced % LoseEveryNthOrder != 0)
        {
            (_orders.TryGetValue(buyer, out var list) ? list : _orders[buyer] = []).Add(order);
        }

        return Json(HttpStatusCode.Created, order);
    }

    private static string? Buyer(string? token) => token is not null && token.StartsWith("buyer:", StringComparison.Ordinal) ? token[6..] : null;

    private static HttpResponseMessage Stock(HttpStatusCode status, string sku, Product p) =>
        Json(status, new { sku, available = Math.Max(0, p.OnHand - p.Sold), reserved = 0, sold = p.Sold });

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };

    private sealed class Product
    {
        public int? MaxPerCustomer { get; init; }
        public int OnHand { get; set; }
        public int Sold { get; set; }
        public int OrdersPlaced { get; set; }
        public Dictionary<string, int> HeldBy { get; } = [];
    }
}
