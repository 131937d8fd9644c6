namespace Ecommerce.Orders;

[GenerateSerializer, Alias("ecommerce.orders.OrderStatus")]
public enum OrderStatus
{
    Pending = 0,
    Reserved = 1,
    Paid = 2,
    Confirmed = 3,
    Cancelled = 4,
    Failed = 5,
}

[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderLineRequest")]
public sealed record OrderLineRequest(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity);

[GenerateSerializer, Immutable, Alias("ecommerce.orders.PaymentMethod")]
public sealed record PaymentMethod(
    [property: Id(0)] string Method,
    [property: Id(1)] string Token)
{
    /// <summary>Records end up in log lines and exception messages: the token never does.</summary>
    public override string ToString() => $"{nameof(PaymentMethod)} {{ Method = {Method}, Token = *** }}";
}

[GenerateSerializer, Immutable, Alias("ecommerce.orders.PlaceOrder")]
public sealed record PlaceOrder(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] IReadOnlyList<OrderLineRequest> Lines,
    [property: Id(2)] PaymentMethod Payment,
    [property: Id(3)] string? ShippingAddress,
    [property: Id(4)] string RequestFingerprint,
    [property: Id(5)] bool IsNewOrderId = false);

[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] decimal UnitPrice);

[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderHistoryEntry")]
public sealed record OrderHistoryEntry(
    [property: Id(0)] OrderStatus Status,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Reason);

[GenerateSerializer, Immutable, Alias("ecommerce.orders.OrderView")]
public sealed record OrderView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] OrderStatus Status,
    [property: Id(3)] IReadOnlyList<OrderLine> Items,
    [property: Id(4)] decimal Total,
    [property: Id(5)] string Currency,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] IReadOnlyList<OrderHistoryEntry> History,
    [property: Id(8)] string? ShippingAddress);

/// <summary>Why placing an order did not end in an order; each maps to one problem type of the API.</summary>
[GenerateSerializer, Alias("ecommerce.orders.PlaceOrderOutcome")]
public enum PlaceOrderOutcome
{
    Placed = 0,
    OutOfStock = 1,
    NotOnSale = 2,
    LimitExceeded = 3,
    PaymentDeclined = 4,
    PaymentUnavailable = 5,
    UnknownProduct = 6,
    MixedCurrencies = 7,
    IdempotencyKeyReused = 8,
    EmptyOrder = 9,
}

[GenerateSerializer, Immutable, Alias("ecommerce.orders.PlaceOrderResult")]
public sealed record PlaceOrderResult(
    [property: Id(0)] PlaceOrderOutcome Outcome,
    [property: Id(1)] OrderView? Order,
    [property: Id(2)] string? Sku,
    [property: Id(3)] string? Detail)
{
    public bool Succeeded => Outcome == PlaceOrderOutcome.Placed;
}

[GenerateSerializer, Alias("ecommerce.orders.CancelOrderOutcome")]
public enum CancelOrderOutcome
{
    Cancelled = 0,
    NotCancellable = 1,
    NotFound = 2,
}

[GenerateSerializer, Immutable, Alias("ecommerce.orders.CancelOrderResult")]
public sealed record CancelOrderResult(
    [property: Id(0)] CancelOrderOutcome Outcome,
    [property: Id(1)] OrderView? Order);
