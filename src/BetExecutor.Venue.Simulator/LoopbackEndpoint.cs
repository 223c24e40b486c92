using System.Net;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// An address the simulator may listen on: http on a loopback address (127.0.0.0/8, ::1) or localhost, nothing
/// else. A simulator that takes bets and answers as a venue must never be reachable from another machine.
/// </summary>
public sealed record LoopbackEndpoint
{
    private LoopbackEndpoint(IPAddress? address, int port)
    {
        Address = address;
        Port = port;
    }

    /// <summary>The loopback address, or null for <c>localhost</c> (both 127.0.0.1 and ::1).</summary>
    public IPAddress? Address { get; }

    /// <summary>0 asks the system for a free port.</summary>
    public int Port { get; }

    public static LoopbackEndpoint Of(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address)) throw new ArgumentException($"{address} is not a loopback address; the simulator listens on loopback only", nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        return new LoopbackEndpoint(address, port);
    }

    /// <summary>Parses <c>http://127.0.0.1:5080</c>, <c>http://[::1]:0</c> or <c>http://localhost:5080</c>.</summary>
    public static bool TryParse(string? url, out LoopbackEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        // Kestrel's wildcards (*, +) are not valid URI hosts; name them so the error says why.
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"'{url}' is not an absolute URL (wildcard hosts such as * and + are refused: loopback only)";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            error = $"'{url}': only http is served (loopback needs no TLS)";
            return false;
        }
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = $"'{url}': give scheme, host and port only";
            return false;
        }
        var port = uri.Port;
        if (uri.IsLoopback && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = new LoopbackEndpoint(null, port);
            return true;
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
        {
            endpoint = new LoopbackEndpoint(address, port);
            return true;
        }
        error = $"'{url}': {uri.Host} is not a loopback address; the simulator listens on 127.0.0.1, [::1] or localhost only";
        return false;
    }

    public override string ToString() => $"http://{Address?.ToString() ?? "localhost"}:{Port}";
}
