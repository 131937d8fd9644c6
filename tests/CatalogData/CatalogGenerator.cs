using System.Globalization;
using Bogus;

namespace Ecommerce.CatalogData;

/// <summary>A generated product, in the shape of the API's bulk import (<c>POST /api/products/import</c>).</summary>
public sealed record CatalogProduct(
    string Sku, string Name, string Description, string Category, decimal Price, string Currency, int OnHand);

/// <summary>
/// A realistic catalog from a seed: the same <c>(count, seed)</c> always gives the same products, and a smaller count
/// gives a prefix of a larger one (so a test's 500 products are the first 500 of the benchmark's 100,000). Names are
/// brand, adjective, colour, material and product noun of one of thirty categories; descriptions are one to three
/// sentences; prices spread log-uniformly over each category's range and so across all the price facets.
/// </summary>
public static class CatalogGenerator
{
    public const string Currency = "EUR";

    /// <summary>How many brands a catalog has (drawn once per seed from Bogus's surnames).</summary>
    public const int BrandCount = 240;

    private static readonly double[] Cents = [0.49, 0.95, 0.99];

    /// <summary>The products of a catalog, generated lazily: a million need not be held at once.</summary>
    public static IEnumerable<CatalogProduct> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var brands = Brands(faker);
        for (var i = 0; i < count; i++)
        {
            yield return Product(faker.Random, brands, SkuOf(seed, i));
        }
    }

    /// <summary>The SKU of the product at an index: unique per seed and index, valid as a route segment.</summary>
    public static string SkuOf(int seed, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"G{(uint)seed}-{index + 1:D7}");

    private static string[] Brands(Faker faker)
    {
        var brands = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; brands.Count < BrandCount && attempt < BrandCount * 50; attempt++)
        {
            var surname = faker.Name.LastName();
            if (surname.Length >= 3 && surname.All(char.IsAsciiLetter))
            {
                brands.Add(surname);
            }
        }

        return [.. brands.Order(StringComparer.Ordinal)];
    }

    private static CatalogProduct Product(Randomizer random, string[] brands, string sku)
    {
        var category = Vocabulary.Categories[random.Int(0, Vocabulary.Categories.Count - 1)];
        var noun = random.ArrayElement(category.Nouns);
        var material = random.ArrayElement(category.Materials);
        var adjective = random.ArrayElement(Vocabulary.Adjectives);
        var colour = random.ArrayElement(Vocabulary.Colours);
        var brand = random.ArrayElement(brands);

        var name = new List<string>(6);
        var withBrand = random.Bool(0.7f);
        if (withBrand)
        {
            name.Add(brand);
        }

        if (random.Bool(0.8f))
        {
            name.Add(adjective);
        }

        if (random.Bool(0.25f))
        {
            name.Add(colour);
        }

        var withMaterial = random.Bool(0.6f);
        if (withMaterial)
        {
            name.Add(material);
        }

        name.Add(noun);
        if (random.Bool(0.15f))
        {
            name.Add(random.ArrayElement(Vocabulary.Editions));
        }

        var description = Description(random, category, noun, adjective, withMaterial ? null : material, colour, brand, withBrand);
        return new CatalogProduct(sku, string.Join(' ', name), description, category.Name, Price(random, category),
            Currency, random.Bool(0.05f) ? 0 : random.Int(1, 500));
    }

    /// <summary>One to three sentences: what it is, what it is for, and a word on the brand or the colour.</summary>
    private static string Description(Randomizer random, CategoryVocabulary category, string noun, string adjective,
        string? material, string colour, string brand, bool brandInName)
    {
        var thing = $"{adjective.ToLowerInvariant()} {noun.ToLowerInvariant()}";
        var sentences = new List<string>(3)
        {
            material is null
                ? $"{Article(thing)} {thing}, {random.ArrayElement(Vocabulary.Qualities)}."
                : $"{Article(thing)} {thing} in {material.ToLowerInvariant()}, {random.ArrayElement(Vocabulary.Qualities)}.",
        };
        var more = random.Int(0, 2);
        if (more >= 1)
        {
            sentences.Add(random.Bool()
                ? $"Made for {random.ArrayElement(category.Uses)}."
                : $"Ideal for {random.ArrayElement(category.Uses)}, with a {random.Int(1, 5)}-year warranty.");
        }

        if (more == 2)
        {
            sentences.Add(random.Bool()
                ? $"{random.ArrayElement(Vocabulary.Praise)}{(brandInName ? "" : $" from {brand}")}."
                : $"Also available in {colour.ToLowerInvariant()}.");
        }

        return string.Join(' ', sentences);
    }

    private static string Article(string phrase) => "aeiou".Contains(phrase[0], StringComparison.Ordinal) ? "An" : "A";

    /// <summary>Log-uniform over the category's range, then priced as shops do: 7.49, 24.99, 1299.00.</summary>
    private static decimal Price(Randomizer random, CategoryVocabulary category)
    {
        var (min, max) = ((double)category.MinPrice, (double)category.MaxPrice);
        var raw = Math.Exp(Math.Log(min) + (random.Double() * (Math.Log(max) - Math.Log(min))));
        var price = raw switch
        {
            < 20 => Math.Floor(raw) + random.ArrayElement(Cents),
            < 500 => Math.Floor(raw) + 0.99,
            _ => Math.Round(raw / 10) * 10,
        };
        return Math.Round((decimal)price, 2);
    }
}
