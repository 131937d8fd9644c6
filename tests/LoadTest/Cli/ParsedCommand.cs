namespace Ecommerce.LoadTest.Cli;

/// <summary>What the command line asked for: one of the commands, the help text, or a mistake to explain.</summary>
public abstract record ParsedCommand;

public sealed record FlashSaleRequested(FlashSaleOptions Options) : ParsedCommand;

public sealed record CeilingRequested(CeilingOptions Options) : ParsedCommand;

public sealed record CatalogRequested(CatalogOptions Options) : ParsedCommand;

public sealed record PathsRequested(PathsOptions Options) : ParsedCommand;

public sealed record FuzzRequested(FuzzOptions Options) : ParsedCommand;
public sealed record ChaosRequested(ChaosOptions Options) : ParsedCommand;

public sealed record HelpRequested : ParsedCommand;

public sealed record UsageError(string Message) : ParsedCommand;
