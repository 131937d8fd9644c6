namespace Ecommerce.Api.Catalog.Search;

/// <summary>How a search counts its facets: by the cheaper method for its number of matches, or always one way (to compare).</summary>
public enum FacetCounting
{
    /// <summary>Match by match when few match, by intersecting the matches with each value's set when many do.</summary>
    Auto,

    PerHit,

    PerValue,
}
