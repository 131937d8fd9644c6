using System.Text.Json.Serialization;

namespace Ecommerce.LoadTest.Reports;

/// <summary>report.json: camelCase, enums as kebab-case words, indented for people who open it too.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(LoadReport report) => JsonSerializer.Serialize(report, Options);
}
