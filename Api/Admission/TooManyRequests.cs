using System.Globalization;

namespace Ecommerce.Api.Admission;

/// <summary>The 429 problem document, for the rate limiter and for logins locked after repeated failures.</summary>
public static class TooManyRequests
{
    private const string Title = "Too many requests";

    public static ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Seconds(retryAfter);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Type = ProblemTypes.RateLimited, Title = Title, Detail = detail },
        });
    }

    /// <summary>The same document as a handler's typed result.</summary>
    public static ProblemHttpResult Result(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Seconds(retryAfter);
        return Problem.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, Title, detail);
    }

    /// <summary>Whole seconds, rounded up: a client that waits what it is told is never refused again for being early.</summary>
    public static string Seconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
