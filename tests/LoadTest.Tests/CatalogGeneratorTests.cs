using System.ComponentModel.DataAnnotations;
using Ecommerce.Api.Contracts;
using Ecommerce.Api.Endpoints;
using Ecommerce.CatalogData;

namespace Ecommerce.LoadTest.Tests;

/// <summary>The generated catalog and query mix that the load tester, the benchmark and the tests share.</summary>
public sealed class CatalogGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_catalog_and_a_smaller_count_its_first_products()
    {
        var first = CatalogGenerator.Generate(3000, seed: 7).ToList();
        var again = CatalogGenerator.Generate(3000, seed: 7).ToList();
        var fewer = CatalogGenerator.Generate(500, seed: 7).ToList();
        var other = CatalogGenerator.Generate(3000, seed: 8).ToList();

        Assert.Equal(first, again);
        Assert.Equal(first.Take(500), fewer);
        Assert.True(first.Zip(other).Count(p => p.First.Name == p.Second.Name) < 100, "another seed gives another catalog");
        Assert.DoesNotContain(first.Select(p => p.Sku), other.Select(p => p.Sku).ToHashSet().Contains);
    }

    [Fact]
    public void Every_generated_product_passes_the_APIs_validation_rules()
    {
        var products = CatalogGenerator.Generate(20_000, seed: 1).ToList();

        foreach (var p in products)
        {
            var request = new ImportProductRequest(p.Sku, p.Name, p.Description, p.Category, p.Price, p.Currency, null, null, p.OnHand);
            var errors = new List<ValidationResult>();
            Assert.True(Validator.TryValidateObject(request, new ValidationContext(request), errors, validateAllProperties: true),
                $"{p}: {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
            Assert.True(Sku.IsValid(p.Sku), p.Sku);
            Assert.Equal(decimal.Round(p.Price, 2), p.Price);
            Assert.True(p.Price > 0, p.ToString());
            Assert.Equal(p.Name.Trim(), p.Name);
            Assert.InRange(p.Description.Count(c => c == '.'), 1, 3);
        }

        Assert.Equal(products.Count, products.Select(p => p.Sku).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(30, products.Select(p => p.Category).Distinct().Count());
        Assert.True(products.Select(p => p.Name).Distinct().Count() > products.Count * 0.9, "names are mostly distinct");
        var ranges = products.GroupBy(p => QueryMix.PriceBounds.Count(bound => p.Price >= bound)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(QueryMix.PriceBounds.Count + 1, ranges.Count);
        Assert.All(ranges.Values, count => Assert.True(count > products.Count / 50, "every price facet range holds products"));
        Assert.Contains(products, p => p.OnHand == 0);
    }

    [Fact]
    public void The_query_mix_is_distinct_deterministic_and_made_of_the_catalogs_words()
    {
        var products = CatalogGenerator.Generate(5000, seed: 3).ToList();
        var words = products.SelectMany(p => QueryMix.WordsOf(p.Name).Concat(QueryMix.WordsOf(p.Category))).ToHashSet();

        var mix = QueryMix.Build(products, 10_000, seed: 3);

        Assert.Equal(10_000, mix.Count);
        Assert.Equal(mix, QueryMix.Build(products, 10_000, seed: 3));
        Assert.Equal(mix.Count, mix.Select(q => q.ToPath()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<QueryKind>(), kind => Assert.True(mix.Count(q => q.Kind == kind) > 1000, $"{kind}"));
        Assert.All(mix.Where(q => q.Kind is QueryKind.OneWord or QueryKind.TwoWords), q => Assert.All(q.Text.Split(' '), w => Assert.Contains(w, words)));
        Assert.All(mix.Where(q => q.Kind == QueryKind.Typo), q => Assert.Contains(q.Text.Split(' '), w => !words.Contains(w) && w.Length >= 5));
        Assert.All(mix.Where(q => q.Kind == QueryKind.Prefix), q => Assert.Contains(words, w => w.StartsWith(q.Text.Split(' ')[^1], StringComparison.Ordinal)));
        Assert.Contains(mix, q => q.Category is not null);
        Assert.Contains(mix, q => q.MinPrice is not null);
        Assert.Contains(mix, q => q.Sort == "price");
        Assert.Contains(mix, q => q.Sort == "-price");
    }
}
