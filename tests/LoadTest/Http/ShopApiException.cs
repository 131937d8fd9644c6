namespace Ecommerce.LoadTest.Http;

/// <summary>The API answered a setup or audit call with a status the load tester can't go on from.</summary>
public sealed class ShopApiException : Exception
{
    public ShopApiException()
    {
    }

    public ShopApiException(string message)
        : base(message)
    {
    }

    public ShopApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ShopApiException(string message, HttpStatusCode status)
        : base(message) => Status = status;

    public HttpStatusCode? Status { get; }
}
