namespace Ecommerce.LoadTest.Cli;

/// <summary>The <c>fuzz</c> command's settings: generated hostile requests for every operation of the API.</summary>
public sealed record FuzzOptions
{
    public required Uri Api { get; init; }
    public required string AdminEmail { get; init; }
    public required string AdminPassword { get; init; }
    public int Requests { get; init; } = 5000;
    public int Concurrency { get; init; } = 4;
}
