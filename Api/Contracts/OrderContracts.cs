using Ecommerce.Orders;

namespace Ecommerce.Api.Contracts;

public sealed record PlaceOrderRequest(
    [property: MinLength(1), MaxLength(100)] IReadOnlyList<OrderItemRequest>? Items,
    [property: Required] PaymentRequest Payment,
    [property: StringLength(500)] string? ShippingAddress);

public sealed record OrderItemRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string Sku,
    [property: Range(1, 1000)] int Quantity);

public sealed record PaymentRequest(
    [property: Required, StringLength(40, MinimumLength = 1)] string Method,
    [property: Required, StringLength(200, MinimumLength = 1)] string Token)
{
    /// <summary>Records end up in log lines and exception messages: the token (or a card number sent as one) never does.</summary>
    public override string ToString() => $"{nameof(PaymentRequest)} {{ Method = {Method}, Token = *** }}";
}

public sealed record OrderResponse(
    Guid Id,
    OrderStatus Status,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Total,
    string Currency,
    DateTimeOffset CreatedAt,
    IReadOnlyList<OrderHistoryResponse> History,
    string? ShippingAddress)
{
    public static OrderResponse From(OrderView order) => new(
        order.Id,
        order.Status,
        [.. order.Items.Select(i => new OrderItemResponse(i.Sku, i.Quantity, i.UnitPrice))],
        order.Total,
        order.Currency,
        order.CreatedAt,
        [.. order.History.Select(h => new OrderHistoryResponse(h.Status, h.At, h.Reason))],
        order.ShippingAddress);
}

public sealed record OrderItemResponse(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderHistoryResponse(OrderStatus Status, DateTimeOffset At, string? Reason);
