using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ecommerce.Api.Auth;
using Ecommerce.Api.Catalog;
using Ecommerce.Carts;
using Ecommerce.Orders;
using Ecommerce.Users;
using Microsoft.AspNetCore.OutputCaching;

namespace Ecommerce.Api.Endpoints;

public static class OrdersEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();
        orders.MapPost("", PlaceOrder);
        orders.MapGet("", ListOrders);
        orders.MapGet("/{id:guid}", GetOrder);
        orders.MapPost("/{id:guid}/cancel", CancelOrder);
        return app;
    }

    public static async Task<Results<Created<OrderResponse>, ProblemHttpResult, ValidationProblem>> PlaceOrder(
        PlaceOrderRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext http,
        IClusterClient cluster,
        IOutputCacheStore cache)
    {
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 200 || idempotencyKey.Any(char.IsControl)))
        {
            return Problem.Invalid(IdempotencyKeyHeader, "An Idempotency-Key is 1 to 200 printable characters.");
        }

        var userId = http.User.UserIdOf();
        var cart = cluster.Grain<ICartGrain>(userId);
        var fromCart = request.Items is null;
        IReadOnlyList<OrderLineRequest> lines = fromCart
            ? [.. (await cart.GetAsync()).Items.Select(i => new OrderLineRequest(i.Sku, i.Quantity))]
            : [.. request.Items!.Select(i => new OrderLineRequest(i.Sku, i.Quantity))];
        if (lines.Count == 0 && idempotencyKey is null)
        {
            return Problem.Invalid("items", "The cart is empty: add items to it or name them in the order.");
        }

        var orderId = idempotencyKey is null ? Guid.NewGuid() : OrderIds.ForIdempotencyKey(userId, idempotencyKey);
        var payment = new PaymentMethod(request.Payment.Method, request.Payment.Token);
        var command = new PlaceOrder(userId, lines, payment, request.ShippingAddress, Fingerprint(request, fromCart),
            IsNewOrderId: idempotencyKey is null);
        var result = await cluster.Grain<IOrderGrain>(orderId).PlaceAsync(command);
        if (result.Outcome == PlaceOrderOutcome.Placed && fromCart)
        {
            await cart.ClearAsync();
        }

        // The buyer's next read of these products' stock, through this process, sees the units gone.
        foreach (var line in result.Order?.Items ?? [])
        {
            await cache.EvictByTagAsync(CachedReads.TagOf(line.Sku), http.RequestAborted);
        }

        return result.Outcome == PlaceOrderOutcome.Placed
            ? TypedResults.Created($"/api/orders/{orderId}", OrderResponse.From(result.Order!))
            : OrderProblems.For(result);
    }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The caller's orders, newest first, a page at a time: <c>?limit=</c> (1-200, 50) and <c>?after=</c> (the cursor
    /// that the previous page's <c>Link: &lt;...&gt;; rel="next"</c> header carries).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<OrderResponse>>, ValidationProblem>> ListOrders(
        HttpContext http, IClusterClient cluster, int? limit, string? after)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return Problem.Invalid("limit", $"limit is 1 to {MaxPageSize}.");
        }

        OrderCursor? cursor = null;
        if (after is not null && !OrderCursor.TryDecode(after, out cursor))
        {
            return Problem.Invalid("after", "after is the cursor of a page's Link header, as given.");
        }

        var page = await cluster.Grain<IUserGrain>(http.User.UserIdOf()).ListOrdersAsync(size, cursor);
        var orders = await Task.WhenAll(page.OrderIds.Select(id => cluster.Grain<IOrderGrain>(id).GetAsync()));
        if (page.Next is { } next)
        {
            var query = QueryString.Create(new Dictionary<string, string?>
            {
                ["limit"] = size.ToString(CultureInfo.InvariantCulture),
                ["after"] = next.Encode(),
            });
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
        }

        IReadOnlyList<OrderResponse> newestFirst = [.. orders.OfType<OrderView>().Select(OrderResponse.From)];
        return TypedResults.Ok(newestFirst);
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrder(Guid id, HttpContext http, IClusterClient cluster)
    {
        var order = await cluster.Grain<IOrderGrain>(id).GetAsync();

        // Someone else's order answers exactly as a missing one: its existence is not the caller's business.
        return order is null || order.UserId != http.User.UserIdOf()
            ? Problem.NotFound($"There is no order '{id}'.")
            : TypedResults.Ok(OrderResponse.From(order));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelOrder(Guid id, HttpContext http, IClusterClient cluster)
    {
        var result = await cluster.Grain<IOrderGrain>(id).CancelAsync(http.User.UserIdOf(), "Cancelled by the customer.");
        return result.Outcome switch
        {
            CancelOrderOutcome.Cancelled => TypedResults.Ok(OrderResponse.From(result.Order!)),
            CancelOrderOutcome.NotCancellable => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.NotCancellable,
                "Order can't be cancelled", $"The order is {result.Order!.Status} and can no longer be cancelled."),
            _ => Problem.NotFound($"There is no order '{id}'."),
        };
    }

    /// <summary>
    /// What makes two requests "the same" for an idempotency key. A cart checkout is identified by its payment and
    /// address, not by the cart's lines, since a successful checkout empties the cart before the retry comes.
    /// </summary>
    private static string Fingerprint(PlaceOrderRequest request, bool fromCart)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            items = fromCart ? null : request.Items!.Select(i => new { i.Sku, i.Quantity }),
            request.Payment.Method,
            request.Payment.Token,
            request.ShippingAddress,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
