using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Carts;

namespace Ecommerce.Api.Endpoints;

/// <summary>The caller's own cart: the grain is keyed by the caller's user id, so no other cart is reachable.</summary>
public static class CartEndpoints
{
    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Cart").RequireAuthorization();
        cart.MapGet("", GetCart);
        cart.MapPut("/items/{sku}", PutItem);
        cart.MapDelete("/items/{sku}", DeleteItem);
        cart.MapDelete("", ClearCart);
        return app;
    }

    public static async Task<Ok<CartView>> GetCart(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(await CartOf(http, cluster).GetAsync());

    public static async Task<Results<Ok<CartView>, ProblemHttpResult, ValidationProblem>> PutItem(
        string sku, SetCartItemRequest request, HttpContext http, IClusterClient cluster, CatalogReadModel readModel)
    {
        if (!Sku.IsValid(sku))
        {
            return Sku.Invalid();
        }

        if (readModel.IsUnknown(sku))
        {
            return Problem.NoSuchProduct(sku);
        }

        var result = await CartOf(http, cluster).SetItemAsync(sku, request.Quantity);
        return result.Change switch
        {
            CartChange.UnknownProduct => Problem.NoSuchProduct(sku),
            CartChange.TooManyLines => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.CartFull, "Cart full",
                $"A cart holds at most {CartLimits.MaxLines} different products; remove one before adding '{sku}'."),
            CartChange.CurrencyMismatch => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.CurrencyMismatch,
                "Currency mismatch", $"The cart is priced in {result.Cart.Currency}; '{sku}' is priced in another currency."),
            _ => TypedResults.Ok(result.Cart),
        };
    }

    public static async Task<Results<Ok<CartView>, ValidationProblem>> DeleteItem(string sku, HttpContext http, IClusterClient cluster) =>
        Sku.IsValid(sku) ? TypedResults.Ok(await CartOf(http, cluster).RemoveItemAsync(sku)) : Sku.Invalid();

    public static async Task<NoContent> ClearCart(HttpContext http, IClusterClient cluster)
    {
        await CartOf(http, cluster).ClearAsync();
        return TypedResults.NoContent();
    }

    private static ICartGrain CartOf(HttpContext http, IClusterClient cluster) =>
        cluster.Grain<ICartGrain>(http.User.UserIdOf());
}
