namespace Ecommerce.Grains.Orders;

public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>How long after confirmation a customer may still cancel (and be refunded).</summary>
    public TimeSpan CancellationWindow { get; set; } = TimeSpan.FromHours(1);
}
