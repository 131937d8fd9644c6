using Ecommerce.Orders;

namespace Ecommerce.Api.Problems;

/// <summary>The one place where the outcomes of placing an order become problem documents.</summary>
public static class OrderProblems
{
    public static Results<Created<OrderResponse>, ProblemHttpResult, ValidationProblem> For(PlaceOrderResult result)
    {
        var detail = result.Detail ?? "";
        Dictionary<string, object?>? extensions = result.Order is { } order ? new() { ["orderId"] = order.Id } : null;
        if (result.Sku is { } sku)
        {
            (extensions ??= [])["sku"] = sku;
        }

        return result.Outcome switch
        {
            PlaceOrderOutcome.OutOfStock => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.OutOfStock, "Out of stock", detail, extensions),
            PlaceOrderOutcome.NotOnSale => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.NotOnSale, "Not on sale yet", detail, extensions),
            PlaceOrderOutcome.LimitExceeded => Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemTypes.LimitExceeded,
                "Limit per customer exceeded", detail, extensions),
            PlaceOrderOutcome.PaymentDeclined => Problem.Of(StatusCodes.Status402PaymentRequired, ProblemTypes.PaymentDeclined,
                "Payment declined", detail, extensions),
            PlaceOrderOutcome.PaymentUnavailable => Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.PaymentUnavailable,
                "Payment unavailable", detail, extensions),
            PlaceOrderOutcome.IdempotencyKeyReused => Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused,
                "Idempotency-Key reused", detail),
            PlaceOrderOutcome.UnknownProduct => Problem.Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail, extensions),
            PlaceOrderOutcome.MixedCurrencies => Problem.Invalid("items", detail),
            PlaceOrderOutcome.EmptyOrder => Problem.Invalid("items", "The cart is empty: add items to it or name them in the order."),
            _ => throw new InvalidOperationException($"No problem document for {result.Outcome}."),
        };
    }
}
