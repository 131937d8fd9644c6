using Ecommerce.Payments;

namespace Ecommerce.Grains.Payments;

/// <summary>What an order keeps of its payment: never a card number, only the token's last four characters.</summary>
[GenerateSerializer, Alias("ecommerce.grains.PaymentState")]
public sealed class PaymentState
{
    [Id(0)] public PaymentStatus Status { get; set; }
    [Id(1)] public string? ChargeId { get; set; }
    [Id(2)] public decimal Amount { get; set; }
    [Id(3)] public string? Currency { get; set; }
    [Id(4)] public string? Method { get; set; }
    [Id(5)] public string? TokenLast4 { get; set; }

    /// <summary>Charges taken: 0 or 1, kept as a count so that a double charge would show.</summary>
    [Id(6)] public int Charges { get; set; }
    [Id(7)] public DateTimeOffset? ChargedAt { get; set; }
    [Id(8)] public DateTimeOffset? RefundedAt { get; set; }
}
