using System.Text.Json.Nodes;
using CsCheck;

namespace Ecommerce.LoadTest.Fuzz;

/// <summary>
/// Generators of what a hostile or careless client sends: wrong types, empty, huge, negative, overflowing, null,
/// unicode of every kind, malformed JSON, missing fields. Values that look right are mixed in, so that requests also
/// get past validation and reach the grains.
/// </summary>
public sealed class HostileValues(IReadOnlyList<string> knownSkus, IReadOnlyList<string> knownIds)
{
    private static readonly string[] NastyText =
    [
        "", " ", "\t\r\n", "null", "undefined", "NaN", "-1", "0", "1e309", "99999999999999999999999999999", "true",
        "../../etc/passwd", "..%2F..%2F", "%00", "%", "?x=1&y", "#frag", "' OR 1=1 --", "\"; DROP TABLE orders; --",
        "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "\u0000", "\u200B", "\u202Eevil", "\uFEFF", "\uFFFD",
        "ünïcødé", "日本語のテキスト", "🔥🛒💳", "Ａｄｍｉｎ＠ＳＨＯＰ．ｔｅｓｔ", "a@b", "@", "admin@shop.test", "ß", "İ", "\uD800",
        "tok_fail", "tok_decline", "tok_slow", "tok_invalid", "tok_visa", "4111 1111 1111 1111", "EUR", "eur", "XXX",
        "relevance", "-price", "price", "name", "newest", "00000000-0000-0000-0000-000000000000",
    ];

    private static readonly JsonNode?[] NastyNumbers =
    [
        JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue),
        JsonValue.Create(long.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(1.5), JsonValue.Create(1e308), JsonValue.Create(-1e308),
        JsonValue.Create(0.00001m), JsonValue.Create(decimal.MaxValue), JsonValue.Create(1000), JsonValue.Create(1001), JsonValue.Create(1_000_000_001),
    ];

    public Gen<string> Text => Gen.Frequency(
        (6, Gen.OneOf(NastyText)),
        (3, Gen.String),
        (2, Gen.Char['a', 'z'].Array[1, 20].Select(c => new string(c))),
        (1, Gen.Int[100, 70_000].Select(n => new string('x', n))),
        (2, knownSkus.Count > 0 ? Gen.OneOf([.. knownSkus]) : Gen.Const("SKU-1")),
        (1, knownIds.Count > 0 ? Gen.OneOf([.. knownIds]) : Gen.Const(Guid.Empty.ToString())));

    /// <summary>Every value a fresh node: a JSON node belongs to one parent only.</summary>
    public static Gen<JsonNode?> Number => Gen.Frequency(
        (3, Gen.OneOf(NastyNumbers).Select(n => n?.DeepClone())),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (2, Gen.Int[0, 5].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.0))));

    /// <summary>Any JSON at all, of any type: what goes where a field of another type is expected.</summary>
    public Gen<JsonNode?> AnyJson => Gen.Frequency(
        (2, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Number),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const<JsonNode?>((JsonNode?)null)),
        (1, Gen.Const<JsonNode?>(() => new JsonArray())),
        (1, Gen.Const<JsonNode?>(() => new JsonObject())),
        (1, Text.Array[0, 4].Select(a => (JsonNode?)new JsonArray([.. a.Select(t => (JsonNode?)JsonValue.Create(t))]))));

    /// <summary>A value for a schema: usually of its type, sometimes anything.</summary>
    public Gen<JsonNode?> ForSchema(JsonNode? schema, int depth = 0)
    {
        var type = TypeOf(schema);
        Gen<JsonNode?> typed = type switch
        {
            "object" when depth < 4 => ObjectFor(schema!, depth),
            "array" when depth < 4 => ForSchema(schema!["items"], depth + 1).Array[0, 4]
                .Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())])),
            "integer" or "number" => Number,
            "boolean" => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            "string" when schema?["format"]?.GetValue<string>() == "date-time" => Gen.Frequency(
                (3, Gen.Int[-3, 3].Select(h => (JsonNode?)JsonValue.Create(DateTimeOffset.UtcNow.AddHours(h)))),
                (1, Gen.OneOf("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday").Select(d => (JsonNode?)JsonValue.Create(d)))),
            _ => Text.Select(t => (JsonNode?)JsonValue.Create(t)),
        };
        return Gen.Frequency((8, typed), (1, AnyJson), (1, Gen.Const<JsonNode?>((JsonNode?)null)));
    }

    /// <summary>Each property present, missing, null or anything; now and then a field nobody asked for.</summary>
    private Gen<JsonNode?> ObjectFor(JsonNode schema, int depth)
    {
        var properties = schema["properties"]?.AsObject().Select(p => (p.Key, Schema: p.Value)).ToList() ?? [];
        var all = Gen.Const(() => new List<(string Key, bool Present, JsonNode? Value)>());
        foreach (var (key, propertySchema) in properties)
        {
            var field = Gen.Frequency(
                (6, ForSchema(propertySchema, depth + 1).Select(v => (key, Present: true, Value: v))),
                (1, Gen.Const((key, Present: false, Value: (JsonNode?)null))));
            all = all.SelectMany(list => field.Select(f => new List<(string, bool, JsonNode?)>(list) { f }));
        }

        return Gen.Select(all, Gen.Frequency((6, false), (1, true)), Text, (values, extra, name) =>
        {
            var obj = new JsonObject();
            foreach (var (key, present, value) in values)
            {
                if (present)
                {
                    obj[key] = value?.DeepClone();
                }
            }

            if (extra && !obj.ContainsKey(name))
            {
                obj[name] = "extra";
            }

            return (JsonNode?)obj;
        });
    }

    private static string? TypeOf(JsonNode? schema)
    {
        if (schema?["type"] is JsonArray types)
        {
            return types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null");
        }

        return schema?["type"]?.GetValue<string>()
            ?? (schema?["properties"] is not null ? "object" : null)
            ?? (schema?["oneOf"] ?? schema?["anyOf"] ?? schema?["allOf"])?.AsArray().Select(TypeOf).FirstOrDefault(t => t is not null);
    }
}
