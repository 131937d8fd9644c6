namespace Ecommerce.Api.Catalog;

/// <summary>The <c>Catalog</c> section: the search read model's result cache and its snapshot on local disk.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Whole search answers kept (0: no result cache).</summary>
    public int ResultCacheSize { get; set; } = CatalogIndex.DefaultResultCacheSize;

    /// <summary>Where this process keeps its catalog snapshot, and a new process loads it from; unset: no snapshot.</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>At most one snapshot this often while the catalog changes (a bulk change is saved once it is quiet).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(1);
}
