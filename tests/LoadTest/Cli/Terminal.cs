namespace Ecommerce.LoadTest.Cli;

/// <summary>Where a command writes; <paramref name="Interactive"/> when Out is a terminal whose line can be rewritten.</summary>
public sealed record Terminal(TextWriter Out, TextWriter Error, bool Interactive)
{
    public static Terminal FromConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
