namespace Ecommerce.LoadTest.FlashSale;

/// <summary>A buyer account made for the race, logged in.</summary>
public sealed record Buyer(int Number, string Email, string Token);

/// <summary>What the setup made ready, and what the audit checks against.</summary>
/// <param name="UnitsOnSale">Units that could be sold when the race started (the stock's onHand).</param>
/// <param name="SoldBefore">Units of the product already sold before the race (0 for a new product).</param>
/// <param name="MaxPerCustomer">The product's limit per customer; null when there is none.</param>
/// <param name="ProductCreated">False when an existing product was reused (--sku).</param>
public sealed record FlashSalePlan(
    string Sku,
    int UnitsOnSale,
    int SoldBefore,
    int? MaxPerCustomer,
    bool ProductCreated,
    IReadOnlyList<Buyer> Buyers);
