using System.Net;
using System.Net.Sockets;

namespace BetExecutor.LocalCluster;

/// <summary>Free ports on 127.0.0.1, handed out once each by this process.</summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> Given = [];

    /// <summary>A port nothing listens on at the moment of asking, and not handed out before by this process.</summary>
    public static int Free()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port)) return port;
            }
        }
    }
}
