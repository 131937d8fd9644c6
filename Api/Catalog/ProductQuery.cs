namespace Ecommerce.Api.Catalog;

/// <summary>The query of <c>GET /api/products</c>, validated.</summary>
public sealed record ProductQuery(
    string? Text, string? Category, decimal? MinPrice, decimal? MaxPrice, string Sort, int Page, int PageSize)
{
    public static readonly string[] Sorts = ["relevance", "price", "-price", "name", "newest"];

    /// <summary>How deep paging may go (page x pageSize), as search engines bound it: deeper pages are not browsed.</summary>
    public const int MaxWindow = 10_000;
}

/// <summary>
/// One page of a search. <paramref name="MatchedQuery"/>: the words used, as typed (all of them, or the first
/// <paramref name="MatchedWords"/> when the later ones had to be dropped for anything to match); null without words.
/// </summary>
public sealed record SearchPage(IReadOnlyList<string> Skus, int Total, ProductFacets Facets, string? MatchedQuery = null, int MatchedWords = 0);
