namespace Ecommerce.Ops.Tests;

public sealed class PromQlTests
{
    [Theory]
    [InlineData("up{job=\"shop-silo\"} == 0", "up")]
    [InlineData("sum by (reason) (rate(shop_orders_failed_total{job=\"shop-silo\", reason=~\"out_of.*\"}[1m]))", "shop_orders_failed_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m]))) > 1",
        "http_server_request_duration_seconds_bucket")]
    [InlineData("sum(rate(a_total[10m])) > sum(rate(b_total[10m])) and sum(rate(a_total[10m])) > 0", "a_total b_total")]
    [InlineData("sum(increase(shop_units_sold_total[$__range])) / 1000 offset 5m", "shop_units_sold_total")]
    [InlineData("x / on (instance) group_left (pod) y", "x y")]
    public void Metric_names_are_read_from_expressions(string expression, string names) =>
        Assert.Equal(names.Split(' ').Order(), PromQl.MetricNames(expression).Order());
}
