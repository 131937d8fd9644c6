namespace Ecommerce.LoadTest.Cli;

/// <summary>The <c>ceiling</c> command's settings: the same driver against a trivial endpoint.</summary>
public sealed record CeilingOptions
{
    public required Uri Api { get; init; }
    public int Concurrency { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public string Path { get; init; } = "/api/ping";
    public string ReportDirectory { get; init; } = "ceiling-report";
}
