namespace Ecommerce.LoadTest.Tests;

/// <summary>A report directory of its own for one test, removed afterwards, and the terminal its command prints to.</summary>
public sealed class ReportFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"loadtest-report-{Guid.NewGuid():N}");

    public StringWriter Out { get; } = new();
    public StringWriter Error { get; } = new();
    public Terminal Terminal => new(Out, Error, Interactive: false);

    public JsonObject Json() => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "report.json")))!.AsObject();

    public string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public bool Exists(string name) => File.Exists(Path.Combine(Directory, name));

    public static IEnumerable<(string Id, bool Passed)> Checks(JsonObject report) =>
        report["audit"]!["checks"]!.AsArray().Select(c => (c!["id"]!.GetValue<string>(), c["passed"]!.GetValue<bool>()));

    public void Dispose()
    {
        Out.Dispose();
        Error.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
