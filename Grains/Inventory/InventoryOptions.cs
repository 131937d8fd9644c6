namespace Ecommerce.Grains.Inventory;

public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How long reserved units stay out of sale without a confirmation before they return to available.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an active stock grain looks for expired reservations.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the record of a sold order is kept, so that its cancellation can return the units.</summary>
    public TimeSpan SoldRecordRetention { get; set; } = TimeSpan.FromDays(2);
}
