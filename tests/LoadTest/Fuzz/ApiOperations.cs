using System.Text.Json.Nodes;

namespace Ecommerce.LoadTest.Fuzz;

/// <summary>One operation of the API's OpenAPI document: what to call and what it takes.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonNode? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A path, query or header parameter, with its schema (<c>$ref</c>s resolved).</summary>
public sealed record ApiParameter(string Name, string In, JsonNode? Schema);

/// <summary>Reads the operations out of <c>/openapi/v1.json</c>, resolving schema references against its components.</summary>
public static class ApiOperations
{
    public static IReadOnlyList<ApiOperation> Parse(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operation is not JsonObject op)
                {
                    continue;
                }

                var parameters = (op["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(document, p)!)
                    .Select(p => new ApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(document, p["schema"])))
                    .ToList();
                var body = op["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, Resolve(document, body)));
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c> once per level, and into properties, items and combinations, to a finite depth.</summary>
    private static JsonNode? Resolve(JsonNode document, JsonNode? node, int depth = 0)
    {
        if (node is null || depth > 8)
        {
            return node;
        }

        if (node is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate<string, JsonNode?>(document, (n, part) => n?[part]);
            return Resolve(document, target, depth + 1);
        }

        if (node is not JsonObject schema)
        {
            return node.DeepClone();
        }

        var copy = new JsonObject();
        foreach (var (key, value) in schema)
        {
            copy[key] = key switch
            {
                "properties" => new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, Resolve(document, p.Value, depth + 1)))),
                "items" or "additionalProperties" => Resolve(document, value, depth + 1),
                "oneOf" or "anyOf" or "allOf" => new JsonArray([.. value!.AsArray().Select(v => Resolve(document, v, depth + 1))]),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}
