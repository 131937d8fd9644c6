namespace Ecommerce.Ops.Tests;

/// <summary>What the manifests and the images ask of the processes, asked of real ones.</summary>
[Collection(ShopProcessesCollection.Name)]
public sealed class OperatorRoutesTests(ShopProcesses shop)
{
    [Fact]
    public async Task The_probe_and_scrape_paths_of_the_manifests_are_routes_the_processes_serve()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (file, process) in new[] { ("silo.yaml", shop.Silo), ("api.yaml", shop.Api) })
        {
            var pods = DeployFiles.Yaml("kubernetes", file).Where(r => r.Str("kind") is "StatefulSet" or "Deployment")
                .Select(w => w.Map("spec").Map("template")).ToList();
            var probes = pods.SelectMany(p => p.Map("spec").Seq("containers"))
                .SelectMany(c => new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Select(probe => c.Map(probe).Map("httpGet").Str("path")))
                .Distinct()
                .ToList();
            var scrape = pods.Select(p => p.Map("metadata").Map("annotations").Str("prometheus.io/path")).Single();
            Assert.Equal(2, probes.Count);
            foreach (var (url, path) in probes.Select(p => (process.BaseUrl, p)).Append((process.ManagementUrl, scrape)))
            {
                var response = await http.GetAsync(new Uri(url + path));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{process.Name} answers {path} with {(int)response.StatusCode}");
            }

            // A route nobody serves is not OK: the check above can fail.
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(process.BaseUrl + "/health/alive"))).StatusCode);
        }

        // The API's metrics are on its management port only, whatever Host header a client sends to the public one.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(shop.Api.BaseUrl + "/metrics"));
        spoofed.Headers.Host = new Uri(shop.Api.ManagementUrl).Authority;
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(shop.Api.BaseUrl + "/metrics"))).StatusCode);
    }

    [Fact]
    public async Task The_images_health_checks_pass_against_running_processes_and_fail_against_a_closed_port()
    {
        foreach (var (image, process) in new[] { ("silo", shop.Silo), ("api", shop.Api) })
        {
            var check = ImageTests.HealthCheck(image, new Uri(process.BaseUrl).Port);
            var healthy = await Tool.RunAsync(check[0], check[1..], RepositoryPaths.Root, TimeSpan.FromSeconds(20));
            Assert.True(healthy.ExitCode == 0, $"{image}: {healthy.Output}");

            var closed = ImageTests.HealthCheck(image, Ports.Free());
            Assert.NotEqual(0, (await Tool.RunAsync(closed[0], closed[1..], RepositoryPaths.Root, TimeSpan.FromSeconds(20))).ExitCode);
        }
    }
}
