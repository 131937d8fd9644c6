using System.Text.RegularExpressions;
using Ecommerce.Hosting;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// No cluster is reachable here, so deploy/kubernetes/ is checked as far as it can be without one: the YAML parses,
/// and what refers to what holds.
/// </summary>
public sealed partial class ManifestTests
{
    private const string Namespace = "ecommerce";
    private static readonly string[] Files = ["namespace.yaml", "config.yaml", "secret.template.yaml", "silo.yaml", "api.yaml", "network-policies.yaml"];

    private static readonly IReadOnlyList<YamlMappingNode> Resources =
        [.. Files.SelectMany(f => DeployFiles.Yaml("kubernetes", f))];

    [Fact]
    public void Every_resource_parses_and_lives_in_the_shops_namespace()
    {
        Assert.Equal(Namespace, Single("Namespace", Namespace).Map("metadata").Str("name"));
        Assert.All(Resources.Where(r => Kind(r) != "Namespace"), r => Assert.Equal(Namespace, r.Map("metadata").Str("namespace")));
        Assert.Equal(
            ["ConfigMap/shop-api", "ConfigMap/shop-cluster", "ConfigMap/shop-silo", "Deployment/shop-api", "HorizontalPodAutoscaler/shop-api",
             "Namespace/ecommerce", "NetworkPolicy/default-deny-ingress", "NetworkPolicy/shop-api", "NetworkPolicy/shop-silo",
             "PodDisruptionBudget/shop-api", "PodDisruptionBudget/shop-silo", "Secret/shop-secrets",
             "Service/shop-api", "Service/shop-silo", "ServiceAccount/shop-api", "ServiceAccount/shop-silo", "StatefulSet/shop-silo"],
            Resources.Select(r => $"{Kind(r)}/{Name(r)}").Order());

        // kubectl apply -k applies everything but the secret's template.
        var kustomization = DeployFiles.Yaml("kubernetes", "kustomization.yaml").Single();
        var listed = kustomization.Children[new YamlScalarNode("resources")].AllNodes.OfType<YamlScalarNode>().Select(n => n.Value!).ToList();
        Assert.Equal(Files.Where(f => f != "secret.template.yaml").Order(), listed.Order());
    }

    [Fact]
    public void Selectors_match_the_labels_of_the_pods_they_mean()
    {
        foreach (var workload in Workloads())
        {
            Assert.Subset(Labels(workload), workload.Map("spec").Map("selector").Map("matchLabels").Strings().ToHashSet());
        }

        foreach (var service in Of("Service"))
        {
            var target = SelectedWorkload(service.Map("spec").Map("selector").Strings());
            var portNames = Containers(target).SelectMany(c => c.Seq("ports")).Select(p => p.Str("name")).ToHashSet();
            Assert.All(service.Map("spec").Seq("ports"), p => Assert.Contains(p.Str("targetPort"), portNames));
        }

        foreach (var budget in Of("PodDisruptionBudget"))
        {
            SelectedWorkload(budget.Map("spec").Map("selector").Map("matchLabels").Strings());
        }

        var silos = Single("StatefulSet", "shop-silo");
        var governing = Single("Service", silos.Map("spec").Str("serviceName"));
        Assert.Equal("None", governing.Map("spec").Str("clusterIP"));

        var scaler = Single("HorizontalPodAutoscaler", "shop-api").Map("spec");
        var scaled = Single(scaler.Map("scaleTargetRef").Str("kind"), scaler.Map("scaleTargetRef").Str("name"));
        Assert.All(Containers(scaled), c => Assert.NotNull(c.Map("resources").Map("requests").StrOrNull("cpu")));
        Assert.True(int.Parse(scaler.Str("minReplicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    [Fact]
    public void Pods_use_their_service_accounts_config_maps_and_secret_keys_and_ask_for_resources()
    {
        var secretKeys = Single("Secret", "shop-secrets").Map("stringData").Strings().Keys.ToHashSet();
        foreach (var workload in Workloads())
        {
            var pod = workload.Map("spec").Map("template").Map("spec");
            Single("ServiceAccount", pod.Str("serviceAccountName"));
            Assert.Equal("true", pod.Map("securityContext").Str("runAsNonRoot"));
            // The images' own unprivileged user (USER $APP_UID in deploy/docker/*.Dockerfile).
            Assert.Equal("1654", pod.Map("securityContext").Str("runAsUser"));
            foreach (var container in Containers(workload))
            {
                Assert.All(container.Seq("envFrom"), e => Single("ConfigMap", e.Map("configMapRef").Str("name")));
                foreach (var reference in container.Seq("env").Select(e => e.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef")).OfType<YamlMappingNode>())
                {
                    Assert.Equal("shop-secrets", reference.Str("name"));
                    Assert.Contains(reference.Str("key"), secretKeys);
                }

                var requests = container.Map("resources").Map("requests");
                Assert.NotNull(requests.StrOrNull("cpu"));
                Assert.NotNull(requests.StrOrNull("memory"));
                Assert.NotNull(container.Map("resources").Map("limits").StrOrNull("memory"));
            }
        }
    }

    [Fact]
    public void Container_ports_and_probes_match_the_configuration_the_processes_get()
    {
        foreach (var workload in Workloads())
        {
            var container = Containers(workload).Single();
            var environment = Environment(container);
            var ports = container.Seq("ports").ToDictionary(p => p.Str("name"), p => p.Str("containerPort"));
            var urls = environment["Urls"];
            Assert.Equal(UrlPort().Match(urls).Groups[1].Value, ports["http"]);
            if (IsSilo(container))
            {
                Assert.Equal(environment["Cluster__SiloPort"], ports["silo"]);
                Assert.Equal(environment["Cluster__GatewayPort"], ports["gateway"]);
                Assert.Equal("status.podIP", container.Seq("env").Single(e => e.Str("name") == "Cluster__AdvertisedIPAddress")
                    .Map("valueFrom").Map("fieldRef").Str("fieldPath"));
            }

            Assert.Equal(IsSilo(container) ? ["http", "silo", "gateway"] : ["http", "management"], ports.Keys);
            var scrapePort = IsSilo(container) ? ports["http"] : UrlPort().Match(environment["Management__Urls"]).Groups[1].Value;
            if (!IsSilo(container))
            {
                Assert.Equal(scrapePort, ports["management"]);
            }

            // Liveness asks whether the process runs; readiness whether it serves (a silo in the cluster, an API that
            // reaches one). The routes themselves are asked of real processes in OperatorRoutesTests.
            Assert.Equal("/health/live", Probe(container, "livenessProbe").Str("path"));
            Assert.Equal("/health/live", Probe(container, "startupProbe").Str("path"));
            Assert.Equal("/health/ready", Probe(container, "readinessProbe").Str("path"));
            Assert.All(["livenessProbe", "readinessProbe", "startupProbe"], p => Assert.Equal("http", Probe(container, p).Str("port")));

            var annotations = workload.Map("spec").Map("template").Map("metadata").Map("annotations").Strings();
            Assert.Equal("true", annotations["prometheus.io/scrape"]);
            Assert.Equal(scrapePort, annotations["prometheus.io/port"]);
            Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        }
    }

    [Fact]
    public void Every_environment_variable_set_is_one_the_process_reads_and_its_value_binds()
    {
        foreach (var container in Workloads().SelectMany(Containers))
        {
            var keys = IsSilo(container) ? ConfigurationKeys.Silo : ConfigurationKeys.Api;
            var environment = Environment(container);
            var unread = environment.Keys.Where(k => !keys.Reads(k)).ToList();
            Assert.True(unread.Count == 0, $"{container.Str("name")} gets settings it never reads: {string.Join(", ", unread)}");

            // The values bind with the real configuration binder, and the cluster settings they make are valid.
            keys.BindAll(environment);
            var cluster = new ConfigurationBuilder()
                .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
                .Build();
            var settings = cluster.GetSection(ClusterSettings.Section).Get<ClusterSettings>()!;
            Assert.Empty(settings.Problems(environment["ConnectionStrings__Postgres"]));
            Assert.Equal(ClusteringProvider.AdoNet, settings.Clustering);
        }

        // The reading check can fail: a misspelt or misplaced setting is caught.
        Assert.False(ConfigurationKeys.Silo.Reads("Cluster__Clusterring"));
        Assert.False(ConfigurationKeys.Api.Reads("Inventory__ReservationTtl"));
        Assert.True(ConfigurationKeys.Silo.Reads("Payments__Simulator__Outages__0__Start"));
    }

    [Fact]
    public void Network_policies_open_each_port_to_whom_it_is_for_and_nothing_else()
    {
        var deny = Single("NetworkPolicy", "default-deny-ingress").Map("spec");
        Assert.Empty(deny.Map("podSelector").Children);
        Assert.Null(deny.MapOrNull("ingress"));

        // Each policy's rules: the named port they open and the pod labels (any namespace or this one) they admit.
        (string Port, string[] From) Rule(YamlMappingNode rule) => (
            rule.Seq("ports").Single().Str("port"),
            rule.Children.ContainsKey(new YamlScalarNode("from"))
                ? [.. rule.Seq("from").Select(f => string.Join(",", f.Map("podSelector").Map("matchLabels").Strings().Select(l => $"{l.Key}={l.Value}")))]
                : ["anyone"]);
        var silo = Single("NetworkPolicy", "shop-silo").Map("spec");
        var api = Single("NetworkPolicy", "shop-api").Map("spec");
        (string, string[])[] siloRules =
        [
            ("silo", ["app.kubernetes.io/name=shop-silo"]), ("gateway", ["app.kubernetes.io/name=shop-api"]),
            ("http", ["app.kubernetes.io/name=prometheus", "ecommerce/operator=true"]),
        ];
        (string, string[])[] apiRules = [("http", ["anyone"]), ("management", ["app.kubernetes.io/name=prometheus"])];
        Assert.Equal(siloRules, silo.Seq("ingress").Select(Rule), new RuleComparer());
        Assert.Equal(apiRules, api.Seq("ingress").Select(Rule), new RuleComparer());

        // The policies select the pods they mean, and name ports those pods have.
        foreach (var (policy, workload) in new[] { (silo, Single("StatefulSet", "shop-silo")), (api, Single("Deployment", "shop-api")) })
        {
            Assert.Same(workload, SelectedWorkload(policy.Map("podSelector").Map("matchLabels").Strings()));
            var portNames = Containers(workload).SelectMany(c => c.Seq("ports")).Select(p => p.Str("name")).ToHashSet();
            Assert.All(policy.Seq("ingress"), r => Assert.Contains(r.Seq("ports").Single().Str("port"), portNames));
        }
    }

    private sealed class RuleComparer : IEqualityComparer<(string, string[])>
    {
        public bool Equals((string, string[]) x, (string, string[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((string, string[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_in_kubernetes_keeps_the_annotated_pods_and_names_jobs_as_the_alerts_expect()
    {
        var config = DeployFiles.Yaml("prometheus", "kubernetes.yml").Single();
        var job = config.Seq("scrape_configs").Single();
        var relabel = job.Seq("relabel_configs").ToList();
        Assert.Contains(relabel, r => r.StrOrNull("action") == "keep"
            && r.Children[new YamlScalarNode("source_labels")].AllNodes.OfType<YamlScalarNode>().Any(n => n.Value == "__meta_kubernetes_pod_annotation_prometheus_io_scrape"));
        var jobFrom = relabel.Single(r => r.StrOrNull("target_label") == "job")
            .Children[new YamlScalarNode("source_labels")].AllNodes.OfType<YamlScalarNode>().Single().Value;
        Assert.Equal("__meta_kubernetes_pod_label_app_kubernetes_io_name", jobFrom);
        var namespaces = job.Seq("kubernetes_sd_configs").Single().Map("namespaces").Children[new YamlScalarNode("names")]
            .AllNodes.OfType<YamlScalarNode>().Select(n => n.Value).ToList();
        Assert.Equal([Namespace], namespaces);

        // So the jobs are the pods' app.kubernetes.io/name labels: the jobs the alert rules and the dashboard select.
        Assert.Equal(["shop-api", "shop-silo"], Workloads().Select(w => Labels(w).Single(l => l.Key == "app.kubernetes.io/name").Value).Order());
    }

    private static bool IsSilo(YamlMappingNode container) => container.Str("name") == "silo";

    /// <summary>What the container's process finds in its environment; secrets stand in as placeholders.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.Seq("envFrom"))
        {
            foreach (var (key, value) in Single("ConfigMap", source.Map("configMapRef").Str("name")).Map("data").Strings())
            {
                Assert.True(environment.TryAdd(key, value), $"{key} is set twice");
            }
        }

        foreach (var variable in container.Seq("env"))
        {
            var value = variable.StrOrNull("value")
                ?? (variable.Map("valueFrom").MapOrNull("fieldRef") is not null ? "10.0.0.7" : null)
                ?? Single("Secret", "shop-secrets").Map("stringData").Str(variable.Map("valueFrom").Map("secretKeyRef").Str("key"));
            Assert.True(environment.TryAdd(variable.Str("name"), value), $"{variable.Str("name")} is set twice");
        }

        return environment;
    }

    private static YamlMappingNode Probe(YamlMappingNode container, string probe) => container.Map(probe).Map("httpGet");

    private static YamlMappingNode SelectedWorkload(Dictionary<string, string> selector)
    {
        Assert.NotEmpty(selector);
        return Assert.Single(Workloads(), w => selector.All(s => Labels(w).Contains(s)));
    }

    private static HashSet<KeyValuePair<string, string>> Labels(YamlMappingNode workload) =>
        [.. workload.Map("spec").Map("template").Map("metadata").Map("labels").Strings()];

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) =>
        workload.Map("spec").Map("template").Map("spec").Seq("containers");

    private static IEnumerable<YamlMappingNode> Workloads() => Resources.Where(r => Kind(r) is "Deployment" or "StatefulSet");

    private static IEnumerable<YamlMappingNode> Of(string kind) => Resources.Where(r => Kind(r) == kind);

    private static YamlMappingNode Single(string kind, string name) =>
        Assert.Single(Resources, r => Kind(r) == kind && Name(r) == name);

    private static string Kind(YamlMappingNode resource) => resource.Str("kind");

    private static string Name(YamlMappingNode resource) => resource.Map("metadata").Str("name");

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex UrlPort();
}
