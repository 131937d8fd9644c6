namespace Ecommerce.Api.Problems;

/// <summary>The <c>type</c> URIs of the API's problem documents: stable, clients switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://ecommerce-orleans.dev/problems/";

    public const string Validation = Base + "validation";
    public const string NotFound = Base + "not-found";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string EmailTaken = Base + "email-taken";
    public const string InvalidCredentials = Base + "invalid-credentials";
    public const string OutOfStock = Base + "out-of-stock";
    public const string NotOnSale = Base + "not-on-sale";
    public const string LimitExceeded = Base + "limit-exceeded";
    public const string PaymentDeclined = Base + "payment-declined";
    public const string PaymentUnavailable = Base + "payment-unavailable";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string NotCancellable = Base + "not-cancellable";
    public const string StockBelowReserved = Base + "stock-below-reserved";
    public const string CurrencyMismatch = Base + "currency-mismatch";
    public const string CartFull = Base + "cart-full";
    public const string RateLimited = Base + "rate-limited";
    public const string ClusterUnavailable = Base + "cluster-unavailable";
    public const string BadRequest = Base + "bad-request";
    public const string Unexpected = Base + "unexpected";
}
