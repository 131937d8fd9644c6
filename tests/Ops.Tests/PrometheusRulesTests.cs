namespace Ecommerce.Ops.Tests;

/// <summary>deploy/prometheus/ through Prometheus' own checker (promtool, from Debian's prometheus package).</summary>
public sealed class PrometheusRulesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_scrape_configuration_and_the_alert_rules_pass_promtool()
    {
        // As run.sh lays it out: the configuration and the rules side by side, the targets written beside them.
        var dir = Directory.CreateTempSubdirectory("ecommerce-promtool-");
        try
        {
            File.Copy(DeployFiles.Path("prometheus", "prometheus.yml"), Path.Combine(dir.FullName, "prometheus.yml"));
            File.Copy(DeployFiles.Path("prometheus", "alerts.yml"), Path.Combine(dir.FullName, "alerts.yml"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "targets"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "targets", "silos.json"), """[{"targets": ["127.0.0.1:8080"]}]""");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "targets", "api.json"), """[{"targets": ["127.0.0.1:5000"]}]""");

            var config = await Tool.RunAsync("promtool", ["check", "config", "prometheus.yml"], dir.FullName, Limit);
            Assert.True(config.ExitCode == 0, config.Output);
            Assert.Contains("SUCCESS: 1 rule files found", config.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("WARNING", config.Output, StringComparison.Ordinal);

            var rules = await Tool.RunAsync("promtool", ["check", "rules", "alerts.yml"], dir.FullName, Limit);
            Assert.True(rules.ExitCode == 0, rules.Output);
            Assert.Contains($"SUCCESS: {DeployFiles.AlertExpressions().Count} rules found", rules.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_alerts_fire_on_the_series_of_their_unit_tests_and_stay_quiet_otherwise()
    {
        var names = DeployFiles.AlertExpressions().Select(a => a.Name).ToList();
        var tests = await File.ReadAllTextAsync(DeployFiles.Path("prometheus", "alerts.test.yml"));
        Assert.All(names, name => Assert.Contains($"alertname: {name}", tests, StringComparison.Ordinal));

        var result = await Tool.RunAsync("promtool", ["test", "rules", "alerts.test.yml"], DeployFiles.Path("prometheus"), Limit);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }
}
