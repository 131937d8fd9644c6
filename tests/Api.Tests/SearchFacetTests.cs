using Ecommerce.Api.Catalog;
using Ecommerce.Api.Catalog.Search;
using Ecommerce.Catalog;
using Ecommerce.CatalogData;

namespace Ecommerce.Api.Tests;

/// <summary>Facet counts by either method (match by match, or each value's set intersected with the matches) agree.</summary>
public sealed class SearchFacetTests
{
    private const int Products = 3_000;

    [Fact]
    public void Counting_match_by_match_and_intersecting_value_sets_give_the_same_facets()
    {
        var catalog = CatalogGenerator.Generate(Products, seed: 7).ToList();
        var perHit = new CatalogIndex { FacetCounting = FacetCounting.PerHit };
        var perValue = new CatalogIndex { FacetCounting = FacetCounting.PerValue };
        var now = DateTimeOffset.UtcNow;
        foreach (var index in new[] { perHit, perValue })
        {
            index.Upsert(catalog.Select((p, i) => new Product(p.Sku,
                new ProductDetails(p.Name, p.Description, p.Category, p.Price, p.Currency, null, null), now.AddSeconds(i), now, 1)));
            index.RefreshIfChanged();

            // Replaced documents stay in the value sets: a changed price and category must not count twice.
            index.Upsert(catalog.Take(500).Select((p, i) => new Product(p.Sku,
                new ProductDetails(p.Name, p.Description, "Clearance", p.Price / 3, p.Currency, null, null), now.AddSeconds(i), now, 2)));
            index.RefreshIfChanged();
        }

        var queries = QueryMix.Build(catalog, 400, seed: 7)
            .Select(q => new ProductQuery(q.Text, q.Category, q.MinPrice, q.MaxPrice, q.Sort ?? "relevance", 1, 20))
            .Concat(
            [
                new ProductQuery(null, null, 20m, 300m, "price", 1, 20),
                new ProductQuery(null, "clearance", null, 40m, "name", 1, 20),
                new ProductQuery("clearance", null, null, null, "relevance", 1, 20),
            ])
            .ToList();

        var counted = 0;
        foreach (var query in queries)
        {
            var (a, b) = (perHit.Search(query, useCache: false), perValue.Search(query, useCache: false));
            Assert.Equal(a.Total, b.Total);
            Assert.Equal(a.Skus, b.Skus);
            Assert.Equal(a.Facets.Categories, b.Facets.Categories);
            Assert.Equal(a.Facets.PriceRanges, b.Facets.PriceRanges);
            Assert.Equal(a.Total, a.Facets.Categories.Sum(c => c.Count));
            Assert.Equal(a.Total, b.Facets.PriceRanges.Sum(r => r.Count));
            counted += a.Total > 0 ? 1 : 0;
        }

        Assert.True(counted > queries.Count / 2, $"only {counted} of {queries.Count} queries matched anything");
        Assert.Equal(500, perValue.Search(new ProductQuery("clearance", null, null, null, "relevance", 1, 20), useCache: false).Total);
    }
}
