namespace Ecommerce.Payments;

/// <summary>What to charge. The token stands for the card; no card number ever reaches the cluster.</summary>
[GenerateSerializer, Immutable, Alias("ecommerce.payments.ChargeCommand")]
public sealed record ChargeCommand(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string Currency,
    [property: Id(2)] string Method,
    [property: Id(3)] string Token)
{
    /// <summary>Records end up in log lines and exception messages: the token never does.</summary>
    public override string ToString() => $"{nameof(ChargeCommand)} {{ Amount = {Amount} {Currency}, Method = {Method}, Token = *** }}";
}

[GenerateSerializer, Alias("ecommerce.payments.PaymentOutcome")]
public enum PaymentOutcome
{
    Approved = 0,
    Declined = 1,

    /// <summary>The processor could not be reached (retries exhausted, timeout, or the circuit is open): nothing was charged.</summary>
    Unavailable = 2,
}

[GenerateSerializer, Immutable, Alias("ecommerce.payments.PaymentResult")]
public sealed record PaymentResult(
    [property: Id(0)] PaymentOutcome Outcome,
    [property: Id(1)] string? ChargeId,
    [property: Id(2)] string? Reason);

[GenerateSerializer, Alias("ecommerce.payments.PaymentStatus")]
public enum PaymentStatus
{
    None = 0,
    Charged = 1,
    Declined = 2,
    Refunded = 3,
}

[GenerateSerializer, Immutable, Alias("ecommerce.payments.PaymentView")]
public sealed record PaymentView(
    [property: Id(0)] PaymentStatus Status,
    [property: Id(1)] string? ChargeId,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string? Currency,
    [property: Id(4)] string? TokenLast4,
    [property: Id(5)] int Charges);
