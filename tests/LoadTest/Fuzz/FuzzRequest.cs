namespace Ecommerce.LoadTest.Fuzz;

/// <summary>Whose token a request carries: none, a buyer's, the admin's, or a forged one.</summary>
public enum Caller
{
    Anonymous,
    Buyer,
    Admin,
    Forged,
}

/// <summary>One generated request, kept as data so that a failure can be printed and replayed.</summary>
public sealed record FuzzRequest(
    ApiOperation Operation,
    Caller Caller,
    string Method,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400)) + (Body.Length > 400 ? $"... ({Body.Length} bytes)" : "");
        var headers = string.Join(" ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "..." : h.Value)}"));
        return $"{Caller} {Method} {(Url.Length > 300 ? Url[..300] + "..." : Url)} {headers} [{ContentType}] {body}".Trim();
    }
}
