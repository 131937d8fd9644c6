using Ecommerce.Catalog;

namespace Ecommerce.Grains.Catalog;

[GenerateSerializer, Alias("ecommerce.grains.ProductState")]
public sealed class ProductState
{
    [Id(0)] public Product? Product { get; set; }
}
