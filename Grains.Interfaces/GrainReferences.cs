using Orleans.Runtime;

namespace Ecommerce;

/// <summary>
/// Grain references without the per-call reflection: Orleans 10.4.2's <c>GetGrain&lt;T&gt;(key)</c> resolves the
/// interface's grain type from its attributes on every call, which showed up as the largest single cost of an order
/// in CPU profiles. The types are resolved once per interface here, then references are built from grain ids.
/// </summary>
public static class GrainReferences
{
    public static T Grain<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        Create<T>(grains, IdSpan.Create(key));

    public static T Grain<T>(this IGrainFactory grains, Guid key) where T : IGrainWithGuidKey =>
        Create<T>(grains, GrainIdKeyExtensions.CreateGuidKey(key));

    public static T Grain<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey =>
        Create<T>(grains, GrainIdKeyExtensions.CreateIntegerKey(key));

    private static T Create<T>(IGrainFactory grains, IdSpan key)
    {
        var (grainType, interfaceType) = Resolved<T>.Types ??= Resolve(grains, typeof(T));
        return (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains, Type interfaceType)
    {
        var probe = (GrainReference)grains.GetGrain(interfaceType, IdSpan.Create("probe"));
        return (probe.GrainId.Type, probe.InterfaceType);
    }

    private static class Resolved<T>
    {
        public static (GrainType, GrainInterfaceType)? Types;
    }
}
