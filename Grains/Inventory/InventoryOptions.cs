namespace Ecommerce.Grains.Inventory;

public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How long reserved units stay out of sale without a confirmation before they return to available.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an active stock grain looks for expired reservations.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a reservation may wait for its order's next step, or a sale or return for its order's acknowledgement,
    /// before the stock nudges the order to finish or compensate (the order's silo may have died in between). An order
    /// takes well under a second; a nudge to a live order waits its turn and finds nothing to do.
    /// </summary>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unacknowledged record of a sold order is kept at most.</summary>
    public TimeSpan SoldRecordRetention { get; set; } = TimeSpan.FromDays(2);
}
