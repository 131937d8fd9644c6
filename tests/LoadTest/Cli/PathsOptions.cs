namespace Ecommerce.LoadTest.Cli;

/// <summary>The <c>paths</c> command's settings: the race's driver replaying a file of GET request paths.</summary>
public sealed record PathsOptions
{
    public required Uri Api { get; init; }
    public required string File { get; init; }
    public int Concurrency { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Untimed load first, so the figures don't include JIT compilation and opening connections.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public string ReportDirectory { get; init; } = "paths-report";

    /// <summary>A header sent with every request (e.g. <c>Cache-Control: no-cache</c>, to bypass the search result cache).</summary>
    public (string Name, string Value)? Header { get; init; }
}
