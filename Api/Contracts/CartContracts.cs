namespace Ecommerce.Api.Contracts;

public sealed record SetCartItemRequest([property: Range(1, 1000)] int Quantity);
