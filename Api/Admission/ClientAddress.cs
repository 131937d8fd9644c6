using System.Net;
using System.Net.Sockets;

namespace Ecommerce.Api.Admission;

/// <summary>
/// Who a client is when it has no account: its address, as seen after the forwarded headers of known proxies. An IPv6
/// client is its /64, since one subscriber holds a whole /64 and could otherwise take a new address per request.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
