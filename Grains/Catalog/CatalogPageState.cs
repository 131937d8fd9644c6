using Ecommerce.Catalog;

namespace Ecommerce.Grains.Catalog;

[GenerateSerializer, Alias("ecommerce.grains.CatalogPageState")]
public sealed class CatalogPageState
{
    [Id(0)] public List<Product> Products { get; set; } = [];
}
