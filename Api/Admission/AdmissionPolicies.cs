namespace Ecommerce.Api.Admission;

/// <summary>The rate limiter's named policies, put on routes with <c>RequireRateLimiting</c>.</summary>
public static class AdmissionPolicies
{
    /// <summary>Registration and login, per client address.</summary>
    public const string Accounts = "accounts";

    /// <summary>Search and suggestions, per client address.</summary>
    public const string Browse = "browse";

    /// <summary>Placing an order: a bounded number at once per process, then a bounded queue.</summary>
    public const string Orders = "orders";
}
