using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>What a client app does, over HTTP: the calls the tests are built from.</summary>
public static class Shop
{
    public static async Task<Guid> RegisterAsync(HttpClient http, string email, string password, string name = "Test Buyer")
    {
        var response = await http.PostAsJsonAsync("/api/users", new { email, password, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task<HttpClient> LoginAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<string> ProductAsync(HttpClient admin, int units, int? maxPerCustomer = null, decimal price = 19.99m,
        string? name = null, string description = "A product for tests", string category = "Tests",
        DateTimeOffset? availableFrom = null, string currency = "EUR")
    {
        var sku = $"T-{Guid.NewGuid():N}"[..18];
        var created = await admin.PutAsJsonAsync($"/api/products/{sku}",
            new { name = name ?? $"Product {sku}", description, category, price, currency, maxPerCustomer, availableFrom });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stocked = await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = units });
        Assert.Equal(HttpStatusCode.OK, stocked.StatusCode);
        return sku;
    }

    public static Task<HttpResponseMessage> OrderAsync(HttpClient buyer, string sku, int quantity = 1, string token = "tok_visa",
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = new[] { new { sku, quantity } },
                payment = new { method = "card", token },
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return buyer.SendAsync(request);
    }

    public static async Task<JsonObject> StockAsync(HttpClient http, string sku) =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/products/{sku}/stock"))!;

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        if (type is not null)
        {
            Assert.EndsWith($"/{type}", problem["type"]!.GetValue<string>());
        }

        return problem;
    }

    public static int Int(this JsonNode node, string name) => node[name]!.GetValue<int>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
