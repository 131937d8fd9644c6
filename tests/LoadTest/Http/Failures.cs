namespace Ecommerce.LoadTest.Http;

/// <summary>The failures of a call to the API that end a setup or an audit, and how to say them on one line.</summary>
public static class Failures
{
    public static bool IsApiFailure(Exception e) => e is ShopApiException or HttpRequestException or TaskCanceledException;

    public static string Describe(Exception e, Uri? api) => e switch
    {
        ShopApiException => e.Message,
        HttpRequestException => $"the API at {api} can't be reached: {e.Message}",
        TaskCanceledException => $"the API at {api} did not answer in time",
        _ => e.Message,
    };
}
