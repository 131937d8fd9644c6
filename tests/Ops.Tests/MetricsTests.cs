using System.Text.RegularExpressions;

namespace Ecommerce.Ops.Tests;

[Collection(ShopProcessesCollection.Name)]
public sealed class MetricsTests(ShopProcesses shop)
{
    [Fact]
    public async Task A_paid_order_through_the_api_moves_the_business_counters_in_real_scrapes_of_the_api_and_the_silo()
    {
        var sku = await shop.ProductAsync();
        var admin = await Shop.LoginAsync(shop.Http(), ShopProcesses.AdminEmail, ShopProcesses.AdminPassword);
        var soldOut = await Shop.ProductAsync(admin, units: 0);
        var buyer = await ShopClient.BuyerAsync(shop.Http);
        var silo0 = await PrometheusText.ScrapeAsync(shop.Silo.ManagementUrl);
        var api0 = await PrometheusText.ScrapeAsync(shop.Api.ManagementUrl);

        await ShopClient.OrderAsync(buyer, sku);
        var refused = await buyer.PostAsJsonAsync("/api/orders",
            new { items = new[] { new { sku = soldOut, quantity = 1 } }, payment = new { method = "card", token = "tok_visa" } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        // The order's events reach their consumers after the answer.
        var silo = await Eventually.ThatAsync(() => PrometheusText.ScrapeAsync(shop.Silo.ManagementUrl),
            s => Moved(s, silo0, "shop_events_consumed_total", ("result", "applied")) >= 4);
        var api = await PrometheusText.ScrapeAsync(shop.Api.ManagementUrl);

        Assert.Equal(1, Moved(silo, silo0, "shop_orders_placed_total"));
        Assert.Equal(1, Moved(silo, silo0, "shop_orders_confirmed_total"));
        Assert.Equal(1, Moved(silo, silo0, "shop_units_sold_total"));
        Assert.Equal(1, Moved(silo, silo0, "shop_reservations_made_total"));
        // The sold-out product's refusal is the API's own (it knew the stock): no reservation was asked for.
        Assert.Equal(0, Moved(silo, silo0, "shop_reservations_refused_total", ("reason", "out_of_stock")));
        Assert.Equal(0, Moved(silo, silo0, "shop_orders_failed_total", ("reason", "out_of_stock")));
        Assert.Equal(1, Moved(api, api0, "shop_orders_refused_by_api_total", ("reason", "out_of_stock")));
        Assert.Equal(0, Moved(silo, silo0, "shop_orders_cancelled_total"));
        Assert.Equal(1, Moved(silo, silo0, "shop_payments_total", ("outcome", "approved")));
        Assert.Equal(1, Moved(silo, silo0, "shop_payment_duration_seconds_count", ("outcome", "approved")));
        Assert.Equal(1, Moved(silo, silo0, "shop_events_published_total", ("kind", "placed")));
        Assert.Equal(1, Moved(silo, silo0, "shop_events_published_total", ("kind", "confirmed")));
        Assert.Equal(-1, Moved(silo, silo0, "shop_stock_available"));
        Assert.Equal(0, Moved(silo, silo0, "shop_stock_reserved"));
        Assert.Equal(0, silo.Sum("shop_payment_circuit_state"));
        Assert.True(silo.Sum("orleans_catalog_activations") > 0);
        Assert.True(Moved(silo, silo0, "orleans_storage_write_latency_milliseconds_count") > 0);

        // The API counts its requests by route and status; the business meter is the silos'.
        Assert.Equal(1, Moved(api, api0, "http_server_request_duration_seconds_count",
            ("http_route", "/api/orders/"), ("http_request_method", "POST"), ("http_response_status_code", "201")));
        Assert.Equal(1, Moved(api, api0, "http_server_request_duration_seconds_count",
            ("http_route", "/api/orders/"), ("http_request_method", "POST"), ("http_response_status_code", "409")));
        Assert.DoesNotContain("shop_orders_confirmed_total", api.Names);

        // A refusal with an Idempotency-Key may be the retry of an earlier order: the grains answer it.
        var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = new[] { new { sku = soldOut, quantity = 1 } }, payment = new { method = "card", token = "tok_visa" } }),
        };
        keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await buyer.SendAsync(keyed)).StatusCode);
        var after = await Eventually.ThatAsync(() => PrometheusText.ScrapeAsync(shop.Silo.ManagementUrl),
            s => Moved(s, silo, "shop_orders_failed_total", ("reason", "out_of_stock")) == 1);
        Assert.Equal(1, Moved(after, silo, "shop_reservations_refused_total", ("reason", "out_of_stock")));
    }

    [Fact]
    public async Task Every_metric_that_the_grafana_dashboard_and_the_alert_rules_query_is_exported_by_a_real_scrape()
    {
        var buyer = await ShopClient.BuyerAsync(shop.Http);
        await ShopClient.OrderAsync(buyer, await shop.ProductAsync());
        var silo = await Eventually.ThatAsync(() => PrometheusText.ScrapeAsync(shop.Silo.ManagementUrl),
            s => s.Sum("shop_events_consumed_total") > 0);
        var api = await PrometheusText.ScrapeAsync(shop.Api.ManagementUrl);

        // `up` is written by Prometheus itself for each target it scrapes.
        var exported = silo.Names.Union(api.Names).Append("up").ToHashSet(StringComparer.Ordinal);
        var queries = DeployFiles.AlertExpressions().Select(a => ($"alert {a.Name}", a.Expression))
            .Concat(DeployFiles.DashboardExpressions().Select(d => ($"panel {d.Panel}", d.Expression)))
            .ToList();
        Assert.True(queries.Count >= 20, $"only {queries.Count} expressions found");

        var missing = queries
            .SelectMany(q => PromQl.MetricNames(q.Item2).Where(n => !exported.Contains(n)).Select(n => $"{q.Item1}: {n}"))
            .ToList();
        Assert.True(missing.Count == 0, "queried but not exported:\n" + string.Join("\n", missing));
        var queried = queries.SelectMany(q => PromQl.MetricNames(q.Item2)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("shop_orders_confirmed_total", queried);
        Assert.Contains("http_server_request_duration_seconds_bucket", queried);

        // The jobs they select are the ones the scrape configuration defines.
        var jobs = DeployFiles.Yaml("prometheus", "prometheus.yml").Single().Seq("scrape_configs").Select(c => c.Str("job_name")).ToHashSet();
        var selected = queries.SelectMany(q => Regex.Matches(q.Item2, "job=\"([^\"]+)\"").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Equal(["shop-api", "shop-silo"], selected.Order());
        Assert.Subset(jobs, selected);
    }

    private static double Moved(PrometheusText after, PrometheusText before, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
