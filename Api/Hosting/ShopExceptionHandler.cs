using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace Ecommerce.Api.Hosting;

/// <summary>
/// Faults as problem documents: a request the server could not read is the client's (400); an unreachable cluster
/// is 503, worth a retry; anything else is a 500 that says nothing about the internals.
/// </summary>
public sealed partial class ShopExceptionHandler(IProblemDetailsService problems, ILogger<ShopExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.BadRequest, "The request could not be read", Readable(bad)),
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, ProblemTypes.ClusterUnavailable, "Service unavailable",
                    "The cluster did not answer in time; try again shortly."),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, "Unexpected error",
                "The server failed to handle the request."),
        };
        if (status >= 500)
        {
            LogFault(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        });
    }

    /// <summary>The parser's message names the field or the header at fault; it never holds a stack trace.</summary>
    private static string Readable(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The JSON body is invalid at {json.Path ?? "$"}: {json.Message.Split(". Path:")[0]}."
            : bad.Message;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFault(Exception exception, string method, string path);
}
