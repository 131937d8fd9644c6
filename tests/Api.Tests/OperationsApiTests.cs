namespace Ecommerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OperationsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Health_routes_answer_when_the_cluster_does()
    {
        var http = fixture.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_of_the_contract()
    {
        var document = (await fixture.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        string[] expected =
        [
            "/api/users", "/api/auth/token", "/api/users/me", "/api/products", "/api/products/suggest", "/api/products/{sku}",
            "/api/products/{sku}/stock", "/api/cart", "/api/cart/items/{sku}", "/api/orders", "/api/orders/{id}",
            "/api/orders/{id}/cancel",
        ];
        Assert.All(expected, p => Assert.True(paths.ContainsKey(p), $"{p} missing from {string.Join(", ", paths.Select(x => x.Key))}"));
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);
    }
}
