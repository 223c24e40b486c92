using System.CommandLine;
using System.Net;

namespace BetExecutor.Cli.Simulate;

/// <summary><c>--venue http://127.0.0.1:PORT</c>: run against the HTTP venue simulator instead of the in-process one.</summary>
public static class VenueOption
{
    public static Option<string?> Create() => new("--venue")
    {
        Description = "Base address of a running HTTP venue simulator (loopback only), e.g. http://127.0.0.1:5080.",
    };

    /// <summary>Only loopback: a scenario must never send traffic anywhere else.</summary>
    public static bool TryRead(string? text, out Uri? address, out string? error)
    {
        address = null;
        error = null;
        if (text is null) return true;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            error = $"--venue: '{text}' is not an http:// address";
            return false;
        }
        if (!(uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))))
        {
            error = $"--venue: {uri.Host} is not a loopback address; scenarios only ever talk to a local simulator";
            return false;
        }
        address = uri;
        return true;
    }
}
