namespace Ecommerce.Api.Catalog.Search;

/// <summary>A word of the catalog's vocabulary: its number (in order of first use) and where it occurs.</summary>
public sealed class IndexTerm(int id, string text)
{
    public int Id { get; } = id;

    public string Text { get; } = text;

    public Postings Postings { get; } = new();
}
