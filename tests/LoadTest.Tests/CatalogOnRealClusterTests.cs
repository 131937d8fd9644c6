using System.Net.Http.Json;
using Ecommerce.CatalogData;
using Ecommerce.LoadTest.Catalog;
using Ecommerce.LoadTest.Paths;

namespace Ecommerce.LoadTest.Tests;

/// <summary>The catalog command against the real API and grains: what it loads is then found by search.</summary>
public sealed class CatalogOnRealClusterTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private const int Products = 500;
    private const int Seed = 42;
    private readonly ReportFiles _report = new();

    public void Dispose()
    {
        _report.Dispose();
    }

    [Fact]
    public async Task The_catalog_command_loads_a_generated_catalog_that_search_then_finds()
    {
        var generated = CatalogGenerator.Generate(Products, Seed).ToList();
        using var http = shop.Api.CreateClient();

        var exit = await CatalogCommand.RunAsync(Options(), http, _report.Terminal);

        Assert.True(exit == ExitCodes.Passed, $"exit {exit}\n{_report.Out}\n{_report.Error}");
        Assert.Contains($"Loaded {Products} products ({Products} new)", _report.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("products/s", _report.Out.ToString(), StringComparison.Ordinal);

        // The search index follows the catalog feed: every product is there within moments.
        var all = await Eventually.ThatAsync(() => SearchAsync(http, "api/products?pageSize=1"), page => Total(page) >= Products);
        Assert.Equal(Products, Total(all));
        foreach (var product in generated.Where((_, i) => i % 25 == 0))
        {
            var byName = await SearchAsync(http, $"api/products?q={Uri.EscapeDataString(product.Name)}&pageSize=100");
            Assert.Contains(product.Sku, Skus(byName));
            var inCategory = await SearchAsync(http, $"api/products?category={Uri.EscapeDataString(product.Category)}&pageSize=1");
            Assert.Equal(generated.Count(p => p.Category == product.Category), Total(inCategory));
            var stock = (await http.GetFromJsonAsync<JsonObject>($"api/products/{product.Sku}/stock"))!;
            Assert.Equal(product.OnHand, stock["available"]!.GetValue<int>());
        }

        // Loading the same catalog again replaces it: nothing new, still 500.
        using var again = new StringWriter();
        Assert.Equal(ExitCodes.Passed, await CatalogCommand.RunAsync(Options(), http, new Terminal(again, _report.Error, Interactive: false)));
        Assert.Contains($"Loaded {Products} products (0 new)", again.ToString(), StringComparison.Ordinal);

        // The paths command replays the mix's searches against the loaded catalog: every answer a 200.
        var file = Path.Combine(Path.GetTempPath(), $"search-{Guid.NewGuid():N}.paths");
        await File.WriteAllLinesAsync(file, QueryMix.Build(generated, 300, Seed).Select(q => q.ToPath()));
        try
        {
            var paths = new PathsOptions
            {
                Api = new Uri("http://localhost/"),
                File = file,
                Concurrency = 4,
                Duration = TimeSpan.FromSeconds(2),
                Warmup = TimeSpan.Zero,
                ReportDirectory = _report.Directory,
            };
            Assert.Equal(ExitCodes.Passed, await PathsCommand.RunAsync(paths, http, _report.Terminal));
            var report = _report.Json();
            Assert.Equal("paths", report["command"]!.GetValue<string>());
            Assert.True(report["statusCounts"]!["200"]!.GetValue<long>() > 0);
            Assert.Single(report["statusCounts"]!.AsObject());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static CatalogOptions Options() => new()
    {
        Api = new Uri("http://localhost/"),
        AdminEmail = ShopHost.AdminEmail,
        AdminPassword = ShopHost.AdminPassword,
        Products = Products,
        Seed = Seed,
        Batch = 200,
        Concurrency = 2,
    };

    private static async Task<JsonObject> SearchAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonObject>(path))!;

    private static int Total(JsonObject page) => page["total"]!.GetValue<int>();

    private static IEnumerable<string> Skus(JsonObject page) => page["items"]!.AsArray().Select(i => i!["sku"]!.GetValue<string>());
}
