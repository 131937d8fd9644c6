using System.Collections;
using Ecommerce.Api.Auth;
using Ecommerce.Api.Hosting;
using Ecommerce.Grains.Inventory;
using Ecommerce.Grains.Notifications;
using Ecommerce.Grains.Orders;
using Ecommerce.Grains.Payments;
using Ecommerce.Grains.Recommendations;
using Ecommerce.Hosting;
using Ecommerce.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Ecommerce.Ops.Tests;

/// <summary>
/// The configuration keys each process reads: the properties of the options types it binds (to their sections),
/// the few keys the hosting code reads by name, and the framework's own (Logging, OTEL_*, ASPNETCORE_*, DOTNET_*).
/// </summary>
public sealed class ConfigurationKeys
{
    private static readonly string[] FrameworkPrefixes = ["Logging:", "OTEL_", "ASPNETCORE_", "DOTNET_"];

    private readonly List<string> _keys = [];
    private readonly List<(Type Type, string Section)> _bound = [];

    private ConfigurationKeys(params string[] keys) => _keys.AddRange(keys);

    /// <summary>Read by the silo (Silo/Hosting, Grains/Hosting; the failover defaults of SiloFailoverExtensions).</summary>
    public static ConfigurationKeys Silo { get; } = new ConfigurationKeys("Urls", "ConnectionStrings:Postgres", "Dashboard:HideTrace")
        .Bind<ClusterSettings>(ClusterSettings.Section)
        .Bind<ClusterMembershipOptions>("Cluster:Membership")
        .Bind<SiloMessagingOptions>("Cluster:Messaging")
        .Bind<OperatorCredentials>(OperatorCredentials.Section)
        .Bind<InventoryOptions>(InventoryOptions.Section)
        .Bind<OrderOptions>(OrderOptions.Section)
        .Bind<PaymentOptions>(PaymentOptions.Section)
        .Bind<RecommendationOptions>(RecommendationOptions.Section)
        .Bind<EmailOptions>(EmailOptions.Section)
        .Bind<Ecommerce.Grains.Users.LoginOptions>(Ecommerce.Grains.Users.LoginOptions.Section);

    /// <summary>Read by the API (Api/Hosting, Api/Auth; the failover defaults of ClientFailoverExtensions).</summary>
    public static ConfigurationKeys Api { get; } = new ConfigurationKeys("Urls", "ConnectionStrings:Postgres", Ecommerce.Api.Hosting.ManagementPort.UrlsKey)
        .Bind<ClusterSettings>(ClusterSettings.Section)
        .Bind<GatewayOptions>(ClientFailoverExtensions.Section)
        .Bind<ClientMessagingOptions>(ClientFailoverExtensions.Section)
        .Bind<SiloLossGuardOptions>(ClientFailoverExtensions.Section)
        .Bind<JwtSettings>(JwtSettings.Section)
        .Bind<AdminSettings>(AdminSettings.Section)
        .Bind<Ecommerce.Api.Admission.AdmissionSettings>(Ecommerce.Api.Admission.AdmissionSettings.Section)
        .Bind<Ecommerce.Api.Admission.ProxySettings>(Ecommerce.Api.Admission.ProxySettings.Section)
        .Bind<Ecommerce.Api.Hosting.RequestLimits>(Ecommerce.Api.Hosting.RequestLimits.Section);

    /// <summary>Whether the process reads this environment variable (<c>Section__Key</c>).</summary>
    public bool Reads(string environmentVariable)
    {
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        return FrameworkPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || key.Equals(ObservabilityExtensions.OtlpEndpointKey, StringComparison.Ordinal)
            || _keys.Any(k => Matches(k, key));
    }

    /// <summary>Binds every options type to the given settings with the real binder: a bad value throws.</summary>
    public void BindAll(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        foreach (var (type, section) in _bound)
        {
            configuration.GetSection(section).Get(type);
        }
    }

    private ConfigurationKeys Bind<T>(string section)
    {
        _bound.Add((typeof(T), section));
        Collect(typeof(T), section, depth: 0);
        return this;
    }

    private void Collect(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsValue(propertyType))
            {
                if (property.SetMethod?.IsPublic == true)
                {
                    _keys.Add(key);
                }
            }
            else if (propertyType.IsAssignableTo(typeof(IEnumerable)) && propertyType.IsGenericType)
            {
                var element = propertyType.GetGenericArguments()[^1];
                if (IsValue(element))
                {
                    _keys.Add($"{key}:*");
                }
                else if (depth < 4)
                {
                    Collect(element, $"{key}:*", depth + 1);
                }
            }
            else if (propertyType.IsClass && depth < 4)
            {
                Collect(propertyType, key, depth + 1);
            }
        }
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);

    /// <summary>A key pattern against a key, segment by segment; <c>*</c> stands for an index.</summary>
    private static bool Matches(string pattern, string key)
    {
        var (p, k) = (pattern.Split(':'), key.Split(':'));
        return p.Length == k.Length && p.Zip(k).All(s => s.First == "*" ? int.TryParse(s.Second, out _) : s.First.Equals(s.Second, StringComparison.OrdinalIgnoreCase));
    }
}
