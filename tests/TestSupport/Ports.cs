using System.Net;
using System.Net.Sockets;

namespace Ecommerce.TestSupport;

public static class Ports
{
    // Below Linux's ephemeral range (32768-60999 by default): a port the OS hands out for a listener is also one it
    // hands out for outgoing connections, so between picking it and a child process binding it, a database connection
    // of another test could take it ("address already in use").
    private const int First = 20_000;
    private const int Last = 32_000;

    // Ports handed out by this test process stay handed out: a port nobody has bound yet looks free to the next caller.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port nobody listens on right now, outside the range the OS uses for outgoing connections.</summary>
    public static int Free()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
                // Taken: try another.
            }
        }
    }
}
