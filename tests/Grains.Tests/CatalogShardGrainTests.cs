using Ecommerce.Catalog;
using Ecommerce.Grains.Catalog;
using Orleans.Core.Internal;

namespace Ecommerce.Grains.Tests;

[Collection(MemoryClusterCollection.Name)]
public sealed class CatalogShardGrainTests(MemoryClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_shard_seals_full_heads_into_pages_and_lists_every_product_at_its_newest_version_after_reactivation()
    {
        const int shard = 7;
        var skus = SkusIn(shard, 300);
        var shardGrain = _grains.GetGrain<ICatalogShardGrain>(shard);
        var pagesBefore = await SealedPagesAsync(shard);

        // Three import calls, as a bulk load sends them; the last one more than fills two pages.
        foreach (var chunk in skus.Chunk(100))
        {
            var result = await shardGrain.ImportAsync([.. chunk.Select(sku => new ProductImport(sku, Details(sku, "first"), OnHand: 5))]);
            Assert.Equal(100, result.Created);
        }

        var pages = await SealedPagesAsync(shard);
        Assert.True(pages.Count - pagesBefore.Count >= 2, $"300 products fill at least two pages of {CatalogShardGrain.PageSize}");
        Assert.All(pages, page => Assert.InRange(page.Count, 1, CatalogShardGrain.PageSize));

        // A product of a sealed page changes: its newer version must win over the page's copy.
        var edited = pages.SelectMany(p => p).First(p => skus.Contains(p.Sku)).Sku;
        await _grains.GetGrain<IProductGrain>(edited).UpsertAsync(Details(edited, "second"));

        await shardGrain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        var listed = (await shardGrain.ListAsync()).Where(p => skus.Contains(p.Sku)).ToList();
        Assert.Equal(skus.Count, listed.Count);
        Assert.Equal(skus.Count, listed.Select(p => p.Sku).Distinct().Count());
        var newest = Assert.Single(listed, p => p.Sku == edited);
        Assert.Equal("second", newest.Details.Description);
        Assert.Equal(2, newest.Version);
        Assert.All(listed.Where(p => p.Sku != edited), p => Assert.Equal("first", p.Details.Description));
    }

    [Fact]
    public async Task An_import_that_wrongly_assumes_a_product_is_new_reads_it_and_updates_it()
    {
        var sku = SkusIn(3, 1)[0];
        var product = _grains.GetGrain<IProductGrain>(sku);
        await product.UpsertAsync(Details(sku, "stored"));
        await product.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        var result = await product.ImportAsync(Details(sku, "imported"), assumeNew: true);

        Assert.False(result.Created);
        Assert.Equal(2, result.Product.Version);
        await product.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        var stored = await product.GetAsync();
        Assert.Equal("imported", stored?.Details.Description);
        Assert.Equal(2, stored?.Version);
    }

    private async Task<List<IReadOnlyList<Product>>> SealedPagesAsync(int shard)
    {
        var pages = new List<IReadOnlyList<Product>>();
        for (var page = 0; ; page++)
        {
            var products = await _grains.GetGrain<ICatalogPageGrain>(CatalogPages.KeyOf(shard, page)).ListAsync();
            if (products.Count == 0)
            {
                return pages;
            }

            pages.Add(products);
        }
    }

    private static List<string> SkusIn(int shard, int count) =>
        [.. Enumerable.Range(0, int.MaxValue).Select(_ => $"PG-{Guid.NewGuid():N}"[..16].ToUpperInvariant())
            .Where(sku => CatalogShards.Of(sku) == shard).Take(count)];

    private static ProductDetails Details(string sku, string description) =>
        new($"Paged {sku}", description, "Tests", 12m, "EUR", null, null);
}
