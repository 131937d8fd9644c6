namespace Ecommerce.Ops.Tests;

/// <summary>Grafana does not run here: its dashboard is checked as the JSON model Grafana imports.</summary>
public sealed class GrafanaDashboardTests
{
    private static readonly JsonNode Dashboard = JsonNode.Parse(File.ReadAllText(DeployFiles.Path("grafana", "flash-sale.json")))!;

    [Fact]
    public void The_sale_dashboard_imports_with_a_prometheus_data_source_and_shows_what_a_sale_needs()
    {
        Assert.Equal("ecommerce-flash-sale", Dashboard["uid"]!.GetValue<string>());
        var variable = Assert.Single(Dashboard["templating"]!["list"]!.AsArray());
        Assert.Equal(("datasource", "datasource", "prometheus"),
            (variable!["name"]!.GetValue<string>(), variable["type"]!.GetValue<string>(), variable["query"]!.GetValue<string>()));

        var panels = Dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        foreach (var panel in panels)
        {
            var grid = panel["gridPos"]!;
            Assert.InRange(grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>(), 1, 24);
            if (panel["type"]!.GetValue<string>() == "row")
            {
                continue;
            }

            Assert.Equal("${datasource}", panel["datasource"]!["uid"]!.GetValue<string>());
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => t!["refId"]!.GetValue<string>()).Distinct().Count());
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t!["expr"]!.GetValue<string>())));
        }

        // The panels of a sale, each on the metric that answers it.
        var queries = DeployFiles.DashboardExpressions();
        void Shows(string panel, string metric) => Assert.Contains(queries, q => q.Panel == panel && q.Expression.Contains(metric, StringComparison.Ordinal));
        Shows("Orders per second", "shop_orders_confirmed_total");
        Shows("Units sold against stock", "shop_units_sold_total");
        Shows("Units sold against stock", "shop_stock_available");
        Shows("API latency percentiles", "histogram_quantile(0.99");
        Shows("Errors by status", "http_response_status_code");
        Shows("Silos and activations", "up{job=\"shop-silo\"}");
        Shows("Silos and activations", "orleans_catalog_activations");
        Shows("Payment breaker", "shop_payment_circuit_state");
    }
}
