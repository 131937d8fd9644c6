using Ecommerce.Api.Catalog;
using Ecommerce.Api.Catalog.Search;
using Ecommerce.Catalog;

namespace Ecommerce.Api.Tests;

/// <summary>The search engine's parts: words, typo distances and neighbours, the result cache, the snapshot.</summary>
public sealed class SearchEngineTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Words_are_lower_cased_accent_folded_and_keep_where_they_were_typed()
    {
        var words = SearchText.Words("  Café STRASSE-Straße men's  Ærø 42 ");

        Assert.Equal(["cafe", "strasse", "strasse", "mens", "aero", "42"], words.Select(w => w.Text));
        Assert.Equal((2, 6), (words[0].Start, words[0].End));
        Assert.Equal("men's", "  Café STRASSE-Straße men's  Ærø 42 "[words[3].Start..words[3].End]);
        Assert.Single(SearchText.Words(new string('a', 100)), w => w.Text.Length == SearchText.MaxWordLength);
    }

    [Theory]
    [InlineData("espresso", "espresso", 1, 0)]
    [InlineData("espreso", "espresso", 1, 1)] // a letter dropped
    [InlineData("machien", "machine", 1, 1)] // two neighbours swapped
    [InlineData("wspresso", "espresso", 2, 2)] // the first letter changed counts as two
    [InlineData("sepresso", "espresso", 2, 2)] // the first letter swapped, too
    [InlineData("xespresso", "espresso", 2, 2)] // a letter added before the first
    [InlineData("headphnes", "headphones", 2, 1)]
    [InlineData("hedphnes", "headphones", 2, 2)]
    [InlineData("hdphnes", "headphones", 2, 3)] // over the bound: bound + 1
    public void Typo_distance_counts_first_letter_edits_twice(string typed, string word, int max, int expected) =>
        Assert.Equal(expected, TypoDistance.Between(typed, word, max));

    [Fact]
    public void Typo_neighbours_are_every_vocabulary_word_within_the_allowance_and_no_other()
    {
        string[] vocabulary = ["headphones", "headphone", "espresso", "express", "blender", "blenders", "bender", "lamp"];
        var terms = vocabulary.Select((w, i) => new IndexTerm(i, w)).ToArray();
        var neighbours = new TypoNeighbours();
        foreach (var term in terms)
        {
            neighbours.Add(term.Text, term.Id);
        }

        foreach (var typed in new[] { "headphnes", "hedphnes", "espreso", "blendr", "lemp", "xblender", "blnder" })
        {
            var found = new List<(int Id, int Distance)>();
            neighbours.Find(typed, terms, found);

            var allowed = TypoDistance.Allowed(typed.Length);
            var expected = vocabulary.Where(w => w != typed && TypoDistance.Between(typed, w, allowed) <= allowed).Order();
            Assert.Equal(expected, found.Select(f => vocabulary[f.Id]).Order());
        }
    }

    [Fact]
    public void A_cached_answer_is_dropped_by_a_change_to_a_product_its_words_could_match_and_kept_otherwise()
    {
        var index = new CatalogIndex();
        index.Upsert([Product("LAMP", "Desk Lamp", "Lighting"), Product("RUG", "Wool Rug", "Home"), Product("MUG", "Coffee Mug", "Kitchen")]);
        index.RefreshIfChanged();
        var lamp = Query("lamp");
        var typo = Query("cofee");
        var prefix = Query("wo");

        Assert.Equal(["LAMP"], index.Search(lamp).Skus);
        Assert.Equal(["MUG"], index.Search(typo).Skus);
        Assert.Equal(["RUG"], index.Search(prefix).Skus);
        Assert.Same(index.Search(lamp).Skus, index.Search(lamp).Skus); // served from the cache
        Assert.Equal(3, index.Cache.Count);

        // A product whose words none of the queries could match: every answer stays.
        index.Upsert([Product("TABLE", "Oak Table", "Furniture")]);
        index.RefreshIfChanged();
        Assert.Equal(3, index.Cache.Count);

        // New products matching each query by the whole word, a typo and a prefix: each answer goes and is current.
        index.Upsert([Product("LAMP-2", "Floor Lamp", "Lighting"), Product("COFFEE", "Coffee Grinder", "Kitchen"), Product("WOK", "Steel Wok", "Kitchen")]);
        index.RefreshIfChanged();
        Assert.Equal(0, index.Cache.Count);
        Assert.Equal(["LAMP", "LAMP-2"], index.Search(lamp).Skus.Order());
        Assert.Equal(["COFFEE", "MUG"], index.Search(typo).Skus.Order());
        Assert.Equal(["RUG", "WOK"], index.Search(prefix).Skus.Order());

        // A product changed away from a word drops the answers of that word too.
        index.Upsert([Product("LAMP-2", "Floor Light", "Lighting", version: 2)]);
        index.RefreshIfChanged();
        Assert.Equal(["LAMP"], index.Search(lamp).Skus);
    }

    [Fact]
    public void The_cache_holds_at_most_its_capacity_and_keeps_what_is_read()
    {
        var index = new CatalogIndex(resultCacheSize: 8);
        index.Upsert([.. Enumerable.Range(0, 40).Select(i => Product($"P{i}", $"Thing{i} Lamp", "Home"))]);
        index.RefreshIfChanged();
        var hot = Query("thing0");

        for (var i = 0; i < 40; i++)
        {
            index.Search(hot);
            index.Search(Query($"thing{i}"));
            Assert.InRange(index.Cache.Count, 1, 8);
        }

        var hits = index.Cache.Hits;
        index.Search(hot);
        Assert.Equal(hits + 1, index.Cache.Hits);
    }

    [Fact]
    public void Uncached_searches_neither_read_nor_fill_the_cache()
    {
        var index = new CatalogIndex();
        index.Upsert([Product("LAMP", "Desk Lamp", "Lighting")]);
        index.RefreshIfChanged();

        index.Search(Query("lamp"), useCache: false);
        index.Search(Query("lamp"), useCache: false);

        Assert.Equal((0, 0L, 0L), (index.Cache.Count, index.Cache.Hits, index.Cache.Misses));
    }

    [Fact]
    public void A_snapshot_reads_back_the_products_and_position_it_was_saved_with()
    {
        var path = Path.Combine(Path.GetTempPath(), $"snapshot-test-{Guid.NewGuid():N}.bin");
        try
        {
            var position = new FeedPosition(Guid.NewGuid(), 42);
            Product[] products =
            [
                Product("A", "Café Table", "Home"),
                new("B", new ProductDetails("Limited Sneaker", "", "Shoes", 149.9m, "EUR", 2, Now.AddDays(1).ToOffset(TimeSpan.FromHours(2))), Now, Now.AddMinutes(5), 7),
            ];
            CatalogSnapshot.Save(path, position, products);

            var loaded = CatalogSnapshot.Load(path);

            Assert.NotNull(loaded);
            Assert.Equal(position, loaded.Value.Position);
            Assert.Equal(products, loaded.Value.Products);
            Assert.Null(CatalogSnapshot.Load(path + ".missing"));
            File.WriteAllText(path, "not a snapshot");
            Assert.Null(CatalogSnapshot.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Replaced_products_are_compacted_away_and_searches_still_find_the_current_versions()
    {
        var index = new CatalogIndex();
        index.Upsert([.. Enumerable.Range(0, 5_000).Select(i => Product($"P{i}", $"Lamp {i}", "Home"))]);
        index.RefreshIfChanged();
        for (var version = 2; version <= 4; version++)
        {
            index.Upsert([.. Enumerable.Range(0, 5_000).Select(i => Product($"P{i}", $"Lamp {i} v{version}", "Home", version))]);
            index.RefreshIfChanged();
        }

        var page = index.Search(Query("lamp"));
        Assert.Equal(5_000, page.Total);
        Assert.Equal(5_000, index.Search(Query("v4")).Total);
        Assert.Equal(0, index.Search(Query("v2")).Total);
        Assert.Equal(5_000, page.Facets.Categories.Single().Count);
    }

    private static ProductQuery Query(string text) => new(text, null, null, null, "relevance", 1, 20);

    private static Product Product(string sku, string name, string category, int version = 1) =>
        new(sku, new ProductDetails(name, "", category, 10m, "EUR", null, null), Now, Now, version);
}
