using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// A Redis connection string in either form users write: StackExchange.Redis options
/// (<c>host:port,password=…,ssl=true</c>) or a URL (<c>redis://[user][:password]@host[:port]</c>, <c>rediss://</c> for
/// TLS). The one place that reads them, and the one function (<see cref="Redact"/>) every log and error path uses
/// before a connection string, or anything that may quote one, is shown.
/// </summary>
public static partial class RedisConnectionString
{
    private const string Hidden = "***";

    /// <exception cref="FormatException">the text is neither form; the message quotes only the redacted text.</exception>
    public static ConfigurationOptions Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("empty: give HOST:PORT or redis://[:PASSWORD@]HOST:PORT");
        var trimmed = text.Trim();
        if (UrlScheme().IsMatch(trimmed)) return FromUrl(trimmed);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(trimmed);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException)
        {
            throw new FormatException($"'{Redact(trimmed)}' is not a Redis connection string ({Redact(ex.Message)})");
        }
        if (options.EndPoints.Count == 0) throw new FormatException($"'{Redact(trimmed)}' names no Redis endpoint (HOST:PORT)");
        return options;
    }

    /// <summary>Where it connects, never a secret: endpoints, and TLS when on.</summary>
    public static string Describe(string text)
    {
        try
        {
            var options = Parse(text);
            return string.Join(",", options.EndPoints.Select(e => e.ToString())) + (options.Ssl ? " (tls)" : "");
        }
        catch (FormatException)
        {
            return "(unreadable connection string)";
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every password hidden: <c>password=…</c> options, the user-info part of
    /// redis:// and rediss:// URLs, and each value in <paramref name="secrets"/> wherever it appears.
    /// </summary>
    public static string Redact(string text, IEnumerable<string>? secrets = null)
    {
        var redacted = PasswordOption().Replace(text, m => m.Groups["key"].Value + Hidden);
        redacted = UrlUserInfo().Replace(redacted, m =>
            m.Groups["scheme"].Value + (m.Groups["password"].Success ? m.Groups["user"].Value + ":" + Hidden : Hidden) + "@");
        foreach (var secret in secrets ?? [])
        {
            // A very short secret would hide unrelated text; it is still masked in its own forms above.
            if (secret.Length >= 3) redacted = redacted.Replace(secret, Hidden, StringComparison.Ordinal);
        }
        return redacted;
    }

    /// <summary>The passwords a connection string carries (to mask them anywhere, e.g. in an exception's text).</summary>
    public static IReadOnlyList<string> Secrets(string text)
    {
        try
        {
            var options = Parse(text);
            return options.Password is { Length: > 0 } password ? [password] : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static ConfigurationOptions FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
            throw new FormatException($"'{Redact(text)}' is not a Redis URL: write redis://[USER][:PASSWORD]@HOST[:PORT]");
        if (url.AbsolutePath is not ("" or "/") || url.Query.Length > 0)
            throw new FormatException($"'{Redact(text)}': a path or query is not supported (the database is the plugin's `database` setting)");
        var options = new ConfigurationOptions { Ssl = url.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(url.Host, url.IsDefaultPort || url.Port <= 0 ? 6379 : url.Port);
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                if (user.Length > 0) options.User = user;
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                // redis://SECRET@host: a lone user-info part is the password, as redis-cli reads it.
                options.Password = user;
            }
        }
        return options;
    }

    [GeneratedRegex(@"^rediss?://", RegexOptions.IgnoreCase)]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"(?<key>password\s*=\s*)[^,;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordOption();

    [GeneratedRegex(@"(?<scheme>rediss?://)(?<user>[^:@/\s]*)(:(?<password>[^@/\s]*))?@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlUserInfo();
}
