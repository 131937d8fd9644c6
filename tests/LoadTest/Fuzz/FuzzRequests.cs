using System.Text.Json.Nodes;
using CsCheck;

namespace Ecommerce.LoadTest.Fuzz;

/// <summary>
/// Generates requests for every operation of the API's OpenAPI document: path, query and header values and JSON
/// bodies from the operation's own schemas, made hostile (see <see cref="HostileValues"/>), plus bodies that are not
/// JSON at all, too deep, or larger than any limit.
/// </summary>
public sealed class FuzzRequests(IReadOnlyList<ApiOperation> operations, HostileValues values)
{
    private static readonly string[] BrokenBodies =
    [
        "", "{", "[", "}", "{\"a\":}", "{\"a\" 1}", "nul", "tru", "\"text\"", "123", "-0", "[]", "{}", "null", "[null]", "[{}]", "[[]]",
        "{\"items\":[null]}", "{\"payment\":null}", "{\"payment\":{}}", "{\"items\":{}}", "{\"quantity\":\"1\"}", "{\"onHand\":1e400}",
        "{\"price\":1e400}", "{\"price\":99999999999999999999999999999999}", "\uFEFF{}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u0000\"}",
        "{\"email\":\"a@b\",\"email\":\"c@d\"}", "\u0000\u0001\u0002", "<xml/>", "a=1&b=2",
    ];

    public Gen<FuzzRequest> Requests => Gen.Int[0, operations.Count - 1].SelectMany(i => For(operations[i]));

    private Gen<FuzzRequest> For(ApiOperation operation)
    {
        var callers = Gen.Frequency((3, Caller.Anonymous), (4, Caller.Buyer), (3, Caller.Admin), (1, Caller.Forged));
        var path = PathOf(operation);
        var query = QueryOf(operation);
        var headers = HeadersOf(operation);
        var body = operation.Body is null
            ? Gen.Frequency((8, Gen.Const<(byte[]?, string?)>((null, null))), (1, BrokenBody))
            : Gen.Frequency((6, values.ForSchema(operation.Body).Select(JsonBody)), (2, BrokenBody), (1, Gen.Const<(byte[]?, string?)>((null, null))));
        return Gen.Select(callers, path, query, headers, body, (caller, p, q, h, b) =>
            new FuzzRequest(operation, caller, operation.Method, p + q, h, b.Item1, b.Item2));
    }

    private static Gen<(byte[]?, string?)> BrokenBody => Gen.Frequency(
        (4, Gen.OneOf(BrokenBodies).Select(b => ((byte[]?)Encoding.UTF8.GetBytes(b), (string?)"application/json"))),
        (1, Gen.Byte.Array[0, 64].Select(b => ((byte[]?)b, (string?)"application/json"))),
        (1, Gen.Int[65, 100].Select(depth => ((byte[]?)Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), (string?)"application/json"))),
        (1, Gen.Int[70_000, 200_000].Select(n => ((byte[]?)Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('x', n)}\"}}"), (string?)"application/json"))),
        (1, Gen.OneOf("text/plain", "application/xml", "multipart/form-data", "application/json; charset=iso-8859-1", "")
            .Select(t => ((byte[]?)Encoding.UTF8.GetBytes("{}"), (string?)t))));

    private static (byte[]?, string?) JsonBody(JsonNode? json) =>
        (Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null"), "application/json");

    private Gen<string> PathOf(ApiOperation operation)
    {
        var gen = Gen.Const(operation.Path);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var placeholder = "{" + parameter.Name + "}";
            gen = gen.SelectMany(path => values.Text.Select(v => path.Replace(placeholder, v.Length == 0 ? "%20" : Uri.EscapeDataString(v), StringComparison.Ordinal)));
        }

        return gen;
    }

    private Gen<string> QueryOf(ApiOperation operation)
    {
        var gen = Gen.Const("");
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query").Append(new ApiParameter("unexpected", "query", null)))
        {
            var name = parameter.Name;
            var value = Gen.Frequency(
                (3, values.ForSchema(parameter.Schema).Select(v => (string?)Scalar(v))),
                (1, Gen.Const<string?>((string?)null)));
            gen = gen.SelectMany(q => value.Select(v => v is null ? q : $"{q}{(q.Length == 0 ? "?" : "&")}{name}={Uri.EscapeDataString(v)}"));
        }

        return gen;
    }

    private Gen<IReadOnlyList<KeyValuePair<string, string>>> HeadersOf(ApiOperation operation)
    {
        var gen = Gen.Const<IReadOnlyList<KeyValuePair<string, string>>>([]);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "header")
            .Append(new ApiParameter("If-None-Match", "header", null)).Append(new ApiParameter("X-Forwarded-For", "header", null)))
        {
            var name = parameter.Name;
            var value = Gen.Frequency((2, values.Text.Select(v => (string?)v)), (1, Gen.Const<string?>((string?)null)));
            gen = gen.SelectMany(h => value.Select(v => v is null ? h : (IReadOnlyList<KeyValuePair<string, string>>)[.. h, KeyValuePair.Create(name, v)]));
        }

        return gen;
    }

    /// <summary>A query or header value as text: a JSON string's content, anything else as JSON.</summary>
    private static string Scalar(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}
