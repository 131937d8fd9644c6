namespace Ecommerce.Grains.Streaming;

/// <summary>
/// The ids of the last events a consumer applied, so that a redelivered event is applied once. Bounded: a duplicate
/// older than the window (the provider's redelivery horizon is far shorter) would not be recognised.
/// </summary>
[GenerateSerializer, Alias("ecommerce.grains.RecentEventIds")]
public sealed class RecentEventIds
{
    public const int Capacity = 2_000;

    [Id(0)] public Queue<Guid> Order { get; set; } = new();

    [NonSerialized]
    private HashSet<Guid>? _index;

    public bool Contains(Guid id) => (_index ??= [.. Order]).Contains(id);

    public void Add(Guid id)
    {
        _index ??= [.. Order];
        if (!_index.Add(id))
        {
            return;
        }

        Order.Enqueue(id);
        if (Order.Count > Capacity)
        {
            _index.Remove(Order.Dequeue());
        }
    }
}
