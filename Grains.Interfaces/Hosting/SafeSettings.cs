using Microsoft.Extensions.Hosting;

namespace Ecommerce.Hosting;

/// <summary>
/// Outside Development a process refuses to start on settings that would leave the shop open: a placeholder or missing
/// secret, an open dashboard, a payment simulator that approves every card. The message names what to set.
/// </summary>
public static class SafeSettings
{
    /// <summary>What templates put where a secret goes (ours say CHANGE-ME).</summary>
    private static readonly string[] Placeholders = ["CHANGE-ME", "CHANGEME", "CHANGE_ME", "REPLACE-ME", "REPLACEME", "<SECRET>"];

    public static bool IsPlaceholder(string? value) =>
        value is not null && Placeholders.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase));

    public static void Enforce(IHostApplicationBuilder builder, string process, IEnumerable<string> problems)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        var found = problems.ToList();
        if (found.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {process} refuses to start with unsafe settings (environment {builder.Environment.EnvironmentName}; only Development "
                + "allows them): " + string.Join(" ", found));
        }
    }
}
