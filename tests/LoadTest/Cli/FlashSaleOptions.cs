namespace Ecommerce.LoadTest.Cli;

/// <summary>The <c>flash-sale</c> command's settings; defaults as documented in <c>--help</c>.</summary>
public sealed record FlashSaleOptions
{
    /// <summary>The documented defaults (the address and the admin account have none).</summary>
    public static FlashSaleOptions Defaults { get; } = new() { Api = new Uri("http://localhost/"), AdminEmail = "", AdminPassword = "" };

    public required Uri Api { get; init; }
    public required string AdminEmail { get; init; }
    public required string AdminPassword { get; init; }
    public int Units { get; init; } = 1000;

    /// <summary>0 means no limit per customer.</summary>
    public int MaxPerCustomer { get; init; } = 2;

    public int Buyers { get; init; } = 200;
    public int Concurrency { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int Quantity { get; init; } = 1;
    public string PaymentToken { get; init; } = "tok_visa";

    /// <summary>An existing product to sell instead of a new one.</summary>
    public string? Sku { get; init; }

    public string ReportDirectory { get; init; } = "flash-sale-report";
    public int? Seed { get; init; }

    /// <summary>Whether each order carries a fresh Idempotency-Key (an API refuses a sold-out product for free only without one).</summary>
    public bool IdempotencyKeys { get; init; } = true;

    /// <summary>Whether the race ends once everything of the last 2 seconds was refused (no: it runs its whole duration).</summary>
    public bool EndOnRefusals { get; init; } = true;

    /// <summary>Clients that flood the API with orders during the race, each at <see cref="FloodRate"/> per second.</summary>
    public int FloodClients { get; init; }

    public int FloodRate { get; init; } = 50;
}
