using Ecommerce.Api.Catalog;
using Ecommerce.Catalog;

namespace Ecommerce.Api.Tests;

/// <summary>Relevance as specifications: a labelled set of queries over a small fixed catalog and the results a shopper expects.</summary>
public sealed class SearchRelevanceTests
{
    private static readonly (string Sku, string Name, string Description, string Category, decimal Price)[] Catalog =
    [
        ("TRAIL-SHOE", "Trail Running Shoe", "Grippy sole for muddy paths", "Shoes", 120m),
        ("ROAD-SHOE", "Road Running Shoe Pro", "Light and fast on asphalt", "Shoes", 150m),
        ("SHORTS", "Running Shorts", "Breathable shorts with a zip pocket", "Apparel", 35m),
        ("RACK", "Shoe Rack", "Holds twelve pairs", "Home", 45m),
        ("ESPRESSO", "Espresso Machine", "Brews rich coffee at home", "Kitchen", 300m),
        ("GRINDER", "Coffee Grinder", "Burr grinder for espresso beans", "Kitchen", 80m),
        ("HEADPHONES", "Headphones Wireless", "Noise cancelling over-ear", "Electronics", 199m),
        ("CHARGER", "Wireless Charger", "Charges phones without a cable", "Electronics", 25m),
        ("BACKPACK", "Backpack", "Water-resistant rucksack for hiking", "Travel", 70m),
        ("BOOTS", "Hiking Boots", "Waterproof leather", "Shoes", 180m),
        ("CAFE", "Café Table", "Small round table", "Home", 90m),
    ];

    private readonly CatalogIndex _index = new();

    public SearchRelevanceTests()
    {
        var now = DateTimeOffset.UtcNow;
        _index.Upsert(Catalog.Select((p, i) => new Product(p.Sku,
            new ProductDetails(p.Name, p.Description, p.Category, p.Price, "EUR", null, null), now.AddMinutes(i), now.AddMinutes(i), 1)));
        _index.RefreshIfChanged();
    }

    [Theory]
    [InlineData("espresso machine", "ESPRESSO")] // the exact name first
    [InlineData("coffee", "GRINDER")] // a word of the name beats the same word in a description
    [InlineData("espreso", "ESPRESSO")] // one typo in a word of 5+ letters
    [InlineData("espresso machien", "ESPRESSO")] // a transposed pair
    [InlineData("headphnes", "HEADPHONES")] // a letter missing in a 9+ letter word
    [InlineData("shorts", "SHORTS")]
    [InlineData("wireless charg", "CHARGER")] // the word being typed, as a prefix
    [InlineData("cafe", "CAFE")] // accents folded
    [InlineData("rucksack", "BACKPACK")] // found by its description
    [InlineData("SHOE RACK", "RACK")] // case does not matter
    public void The_expected_product_ranks_first(string query, string expected)
    {
        var page = Search(query);

        Assert.NotEmpty(page.Skus);
        Assert.Equal(expected, page.Skus[0]);
    }

    [Fact]
    public void Name_matches_rank_before_category_and_description_matches()
    {
        var page = Search("shoe");

        Assert.Equal(["RACK", "ROAD-SHOE", "TRAIL-SHOE"], page.Skus.Take(3).Order());
        Assert.Contains("BOOTS", page.Skus.Skip(3)); // category Shoes, matched by the prefix of the word being typed
    }

    [Fact]
    public void A_prefix_of_the_last_word_finds_every_word_it_starts()
    {
        Assert.Equal(["ROAD-SHOE", "SHORTS", "TRAIL-SHOE"], Search("runn").Skus.Order());
    }

    [Fact]
    public void Short_words_get_no_typo_tolerance_and_nonsense_finds_nothing()
    {
        Assert.Empty(Search("mog").Skus); // 3 letters: "mug" is not offered for "mog"
        Assert.Equal(0, Search("xylophone").Total);
    }

    [Fact]
    public void When_all_words_together_find_nothing_the_last_typed_are_dropped_and_the_answer_says_which_were_used()
    {
        var page = Search("Espresso Machine xylophone");

        Assert.Equal(["ESPRESSO"], page.Skus);
        Assert.Equal("Espresso Machine", page.MatchedQuery);
        Assert.Equal(2, page.MatchedWords);
        Assert.Equal("wireless charg", Search("wireless charg").MatchedQuery); // nothing dropped: every word as typed
        Assert.Null(Search(null).MatchedQuery);
    }

    [Fact]
    public void Words_are_dropped_from_the_end_only_as_far_as_needed()
    {
        var page = Search("running shoe rucksack");

        Assert.Equal("running shoe", page.MatchedQuery);
        Assert.Equal(["ROAD-SHOE", "TRAIL-SHOE"], page.Skus.Order());
        Assert.Equal(["SHORTS"], Search("running breathable xylophone").Skus);
        Assert.Equal("running", Search("running xylophone rucksack").MatchedQuery);
        Assert.Empty(Search("xylophone running").Skus); // the first word is never dropped
    }

    [Fact]
    public void A_dropped_word_that_some_matches_contain_ranks_them_first()
    {
        var page = Search("shoe grippy xylophone");

        Assert.Equal("shoe grippy", page.MatchedQuery);
        Assert.Equal(["TRAIL-SHOE"], page.Skus);
        var dropped = Search("shoe xylophone grippy");
        Assert.Equal("shoe", dropped.MatchedQuery);
        Assert.Equal("TRAIL-SHOE", dropped.Skus[0]); // matches the dropped "grippy" too
    }

    [Fact]
    public void A_typo_on_the_first_letter_counts_as_two()
    {
        Assert.Equal("ESPRESSO", Search("espresso").Skus[0]);
        Assert.Empty(Search("wspresso").Skus); // 8 letters allow one typo; the first letter costs two
        Assert.Empty(Search("sepresso").Skus); // a swap that moves the first letter, the same
        Assert.Equal("ESPRESSO", Search("espresdo").Skus[0]); // one typo further in is one
        Assert.Equal("HEADPHONES", Search("geadphones").Skus[0]); // 10 letters allow two: a first-letter typo fits
    }

    [Fact]
    public void Typos_are_tried_only_when_whole_words_and_prefixes_find_too_few()
    {
        var index = new CatalogIndex();
        var now = DateTimeOffset.UtcNow;
        index.Upsert([.. Enumerable.Range(0, TypoThreshold).Select(i =>
            new Product($"LAMP-{i:D2}", new ProductDetails($"Table Lamps {i}", "Warm light", "Lighting", 30m, "EUR", null, null), now, now, 1))]);
        index.Upsert([new Product("LAMA", new ProductDetails("Lamas Wool Rug", "Soft", "Home", 60m, "EUR", null, null), now, now, 1)]);
        index.RefreshIfChanged();

        // "lamps" finds a page of whole words, so its typo neighbour "lamas" is not looked up ...
        var lamps = index.Search(new ProductQuery("lamps", null, null, null, "relevance", 1, 50));
        Assert.Equal(TypoThreshold, lamps.Total);
        Assert.DoesNotContain("LAMA", lamps.Skus);

        // ... while "lamas" finds one, so "lamps" is: the whole word first, the typos after it.
        var lamas = index.Search(new ProductQuery("lamas", null, null, null, "relevance", 1, 50));
        Assert.Equal(TypoThreshold + 1, lamas.Total);
        Assert.Equal("LAMA", lamas.Skus[0]);
    }

    [Fact]
    public void Filters_exclude_and_facets_count_every_match_before_paging()
    {
        var shoes = Search("running", category: "shoes");
        var cheap = Search("running", maxPrice: 100m);
        var all = Search(null, pageSize: 3);

        Assert.Equal(["ROAD-SHOE", "TRAIL-SHOE"], shoes.Skus.Order());
        Assert.Equal(["SHORTS"], cheap.Skus);
        Assert.Equal(Catalog.Length, all.Total);
        Assert.Equal(3, all.Skus.Count);
        Assert.Equal(all.Total, all.Facets.Categories.Sum(c => c.Count));
        Assert.Equal(all.Total, all.Facets.PriceRanges.Sum(r => r.Count));
        Assert.Equal(3, all.Facets.Categories.Single(c => c.Value == "Shoes").Count);
        Assert.Equal(3, all.Facets.PriceRanges.Single(r => r.Min == 25m).Count); // 25, 35 and 45
    }

    [Theory]
    [InlineData("relevance")]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("name")]
    [InlineData("newest")]
    public void Paging_is_stable_whatever_the_sort(string sort)
    {
        var whole = Search(null, sort: sort, pageSize: 10).Skus;
        var pages = Enumerable.Range(1, 4).SelectMany(p => Search(null, sort: sort, page: p, pageSize: 3).Skus).Take(10);

        Assert.Equal(whole, pages);
        Assert.Equal(whole.Count, whole.Distinct().Count());
    }

    [Fact]
    public void Sorts_order_by_price_name_and_age()
    {
        var prices = Search(null, sort: "price", pageSize: 20).Skus.Select(s => Catalog.Single(c => c.Sku == s).Price).ToList();

        Assert.Equal(prices.Order(), prices);
        Assert.Equal("ESPRESSO", Search(null, sort: "-price").Skus[0]);
        Assert.Equal("BACKPACK", Search(null, sort: "name").Skus[0]);
        Assert.Equal("CAFE", Search(null, sort: "newest").Skus[0]);
    }

    [Fact]
    public void A_changed_product_is_found_by_its_new_text_and_no_longer_by_its_old()
    {
        var now = DateTimeOffset.UtcNow;
        _index.Upsert([new Product("RACK", new ProductDetails("Boot Bench", "Seat with storage", "Home", 45m, "EUR", null, null), now, now, 2)]);
        _index.Upsert([new Product("RACK", new ProductDetails("Stale Name", "An older version arriving late", "Home", 45m, "EUR", null, null), now, now, 1)]);
        _index.RefreshIfChanged();

        Assert.Equal("RACK", Search("boot bench").Skus[0]);
        Assert.DoesNotContain("RACK", Search("rack").Skus);
        Assert.Empty(Search("stale").Skus);
    }

    private const int TypoThreshold = 20;

    private SearchPage Search(string? text, string? category = null, decimal? maxPrice = null, string sort = "relevance", int page = 1, int pageSize = 20) =>
        _index.Search(new ProductQuery(text, category, null, maxPrice, text is null && sort == "relevance" ? "name" : sort, page, pageSize));
}
