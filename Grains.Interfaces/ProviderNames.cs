namespace Ecommerce;

/// <summary>Names that silos, clients and grains must agree on.</summary>
public static class ProviderNames
{
    /// <summary>The grain storage every shop grain persists through.</summary>
    public const string Storage = "shop";

    /// <summary>The stream provider that carries order events.</summary>
    public const string Streams = "orders";
}
