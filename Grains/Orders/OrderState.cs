using Ecommerce.Grains.Payments;
using Ecommerce.Orders;

namespace Ecommerce.Grains.Orders;

[GenerateSerializer, Alias("ecommerce.grains.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderStatus Status { get; set; }
    [Id(1)] public Guid UserId { get; set; }
    [Id(2)] public List<OrderLine> Lines { get; set; } = [];
    [Id(3)] public string Currency { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public List<OrderHistoryEntry> History { get; set; } = [];

    /// <summary>A hash of the request that created the order: a reused idempotency key must carry the same request.</summary>
    [Id(6)] public string RequestFingerprint { get; set; } = "";
    [Id(7)] public string? ShippingAddress { get; set; }
    /// <summary>How to pay, until the charge is decided: the token is dropped then.</summary>
    [Id(8)] public PaymentMethod? Payment { get; set; }
    [Id(9)] public string? ChargeId { get; set; }
    [Id(10)] public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>Why placing the order failed, kept so that a retry replays the same answer.</summary>
    [Id(11)] public PlaceOrderOutcome? Failure { get; set; }
    [Id(12)] public string? FailureSku { get; set; }
    [Id(13)] public string? FailureDetail { get; set; }

    /// <summary>
    /// Events that earlier versions kept in the order itself until published; moved to the store's outbox when such an
    /// order is read. New events never land here.
    /// </summary>
    [Id(14)] public IReadOnlyList<OrderEvent> Outbox { get; set; } = [];

    /// <summary>The payment once decided: what was charged, declined or refunded (never the token).</summary>
    [Id(15)] public PaymentState? Charge { get; set; }

    /// <summary>Refused before anything was held, and written only so that a retry with its key replays the refusal.</summary>
    [Id(16)] public bool Refused { get; set; }

    public decimal Total => Lines.Sum(l => l.UnitPrice * l.Quantity);
}
