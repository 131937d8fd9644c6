namespace Ecommerce.LoadTest.Race;

/// <summary>A request sent again: an HttpRequestMessage can be sent once, so a retry is a copy with the same headers and body.</summary>
public static class RequestCopy
{
    public static async Task<HttpRequestMessage> OfAsync(HttpRequestMessage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var (name, values) in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (original.Content is { } content)
        {
            // The race's bodies are byte arrays, which read again as often as asked.
            copy.Content = new ByteArrayContent(await content.ReadAsByteArrayAsync());
            foreach (var (name, values) in content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
