using System.Net;

namespace Ecommerce.Api.Admission;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (or load balancers) in front of the API whose
/// <c>X-Forwarded-For</c> is believed. None by default: a client can't pick the address it is rate limited as.
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are believed (entries of the header read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{Section}:KnownProxies holds '{proxy}', which is not an IP address.";
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"{Section}:KnownNetworks holds '{network}', which is not a network in CIDR notation (10.0.0.0/8).";
        }

        if (ForwardLimit < 1)
        {
            yield return $"{Section}:ForwardLimit must be at least 1.";
        }
    }
}
