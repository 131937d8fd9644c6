using System.Text.RegularExpressions;

namespace Ecommerce.Api.Endpoints;

/// <summary>What a SKU in a route may look like: checked before any grain is addressed with it.</summary>
public static partial class Sku
{
    public const string Rule = "A SKU is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    public static bool IsValid(string? sku) => sku is not null && Pattern().IsMatch(sku);

    public static ValidationProblem Invalid() => Problem.Invalid("sku", Rule);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
