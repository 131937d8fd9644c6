using YamlDotNet.RepresentationModel;

namespace Ecommerce.Ops.Tests;

/// <summary>The files of deploy/, read as their tools read them.</summary>
public static class DeployFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepositoryPaths.Root, "deploy", .. parts]);

    /// <summary>Every document of a YAML file (several are separated by <c>---</c>).</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(params string[] parts)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path(parts)))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    /// <summary>The PromQL expressions of the alert rules.</summary>
    public static IReadOnlyList<(string Name, string Expression)> AlertExpressions() =>
        [.. Yaml("prometheus", "alerts.yml").Single().Seq("groups").SelectMany(g => g.Seq("rules"))
            .Select(r => (r.Str("alert"), r.Str("expr")))];

    /// <summary>The PromQL expressions of the Grafana dashboard's panels.</summary>
    public static IReadOnlyList<(string Panel, string Expression)> DashboardExpressions()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path("grafana", "flash-sale.json")))!;
        return [.. dashboard["panels"]!.AsArray()
            .Where(p => p!["targets"] is not null)
            .SelectMany(p => p!["targets"]!.AsArray().Select(t => (p["title"]!.GetValue<string>(), t!["expr"]!.GetValue<string>())))];
    }

    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlMappingNode? MapOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static IEnumerable<YamlMappingNode> Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence
            ? sequence.Children.Cast<YamlMappingNode>()
            : [];

    public static string Str(this YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    public static string? StrOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    public static Dictionary<string, string> Strings(this YamlMappingNode? node) =>
        node is null
            ? []
            : node.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal);
}
