using Ecommerce.Catalog;

namespace Ecommerce.Grains.Catalog;

/// <summary>
/// The shard's durable part: how many pages it has sealed, and the head, the products written since the last seal.
/// A product newer than its copy in a sealed page lives in the head (or a later page); the newest version wins.
/// </summary>
[GenerateSerializer, Alias("ecommerce.grains.CatalogShardState")]
public sealed class CatalogShardState
{
    // Id 0 held every product before pages existed: read as a head, those are sealed by the next write.
    [Id(0)] public Dictionary<string, Product> Head { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public int Pages { get; set; }
}
