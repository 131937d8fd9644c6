using Ecommerce.Catalog;

namespace Ecommerce.Grains.Catalog;

[GenerateSerializer, Alias("ecommerce.grains.CatalogShardState")]
public sealed class CatalogShardState
{
    [Id(0)] public Dictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);
}
