namespace Ecommerce.LoadTest.Cli;

/// <summary>The <c>catalog</c> command's settings: a generated catalog loaded through the bulk import.</summary>
public sealed record CatalogOptions
{
    /// <summary>The most products one call of <c>POST /api/products/import</c> takes.</summary>
    public const int MaxBatch = 1000;

    public required Uri Api { get; init; }
    public required string AdminEmail { get; init; }
    public required string AdminPassword { get; init; }
    public required int Products { get; init; }
    public int Seed { get; init; } = 1;
    public int Batch { get; init; } = MaxBatch;
    public int Concurrency { get; init; } = 8;
}
