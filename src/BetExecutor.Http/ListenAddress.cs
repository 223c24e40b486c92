using System.Net;
using BetExecutor.Actors.Configuration;

namespace BetExecutor.Http;

/// <summary>Where a server listens, written <c>IP:PORT</c> (IPv6 as <c>[::1]:PORT</c>).</summary>
public static class ListenAddress
{
    /// <summary>An address, not a host name, so what is bound is what was written.</summary>
    /// <exception cref="SettingException">the text is not IP:PORT (the message names <paramref name="setting"/>).</exception>
    public static IPEndPoint Parse(string text, string setting)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || !text[(colon + 1)..].All(char.IsAsciiDigit) || !IPEndPoint.TryParse(text, out var endpoint))
            throw new SettingException(setting, $"'{text}' is not IP:PORT (e.g. 127.0.0.1:8080; a host name is not taken)");
        return endpoint;
    }
}
