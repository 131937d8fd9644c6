using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Ecommerce.Api.Hosting;

/// <summary>
/// Faults as problem documents: a request the server could not read is the client's (400); a silo dying or unreachable,
/// the database restarting, a call cut by either, is 503 with Retry-After, worth a retry with the same Idempotency-Key;
/// anything else is a 500 that says nothing about the internals.
/// </summary>
public sealed partial class ShopExceptionHandler(IProblemDetailsService problems, ILogger<ShopExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.BadRequest, "The request could not be read", Readable(bad)),
            _ when IsTransient(exception) =>
                (StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "Service unavailable",
                    "A part of the shop is failing over and did not answer; try again shortly (with the same Idempotency-Key)."),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, "Unexpected error",
                "The server failed to handle the request."),
        };
        if (status >= 500)
        {
            LogFault(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Failover takes seconds: a client that comes back after one finds the grain active again elsewhere.
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        });
    }

    public const string RetryAfterSeconds = "1";

    /// <summary>
    /// Faults of the cluster's plumbing, not of the request: a silo unreachable or dead (rejections, a connection that
    /// failed, a gateway too busy), a call that got no answer in time, a grain's storage unavailable or out of date.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is
        ShopUnavailableException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
        or GatewayTooBusyException or ClientNotAvailableException or TimeoutException or InconsistentStateException;

    /// <summary>The parser's message names the field or the header at fault; it never holds a stack trace.</summary>
    private static string Readable(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The JSON body is invalid at {json.Path ?? "$"}: {json.Message.Split(". Path:")[0]}."
            : bad.Message;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFault(Exception exception, string method, string path);
}
