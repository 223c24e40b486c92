using Akka.Configuration;
using BetExecutor.Node.Hosting;
using BetExecutor.Persistence.Redis;

namespace BetExecutor.Node.Standalone;

/// <summary>Where a node places its bets: a venue's HTTP address, the in-process simulator, or none (all dry-run).</summary>
public abstract record VenueChoice
{
    public sealed record Http(Uri Address) : VenueChoice;

    public sealed record Simulator : VenueChoice;

    public sealed record NotSet : VenueChoice;
}

/// <summary>
/// A deployed node's settings from its environment variables (<see cref="NodeUsage"/> lists them). Every value is
/// checked here, before anything starts: a bad one is a <see cref="NodeUsageException"/> naming the variable.
/// </summary>
/// <param name="RolesGiven">Whether BETEXECUTOR_ROLES was set: a gateway role asked for must have an API key; the
/// default (both roles) without one runs no HTTP gateway.</param>
/// <param name="GatewayKeys">BETEXECUTOR_GATEWAY_KEYS, as given (read by the gateway's configuration).</param>
/// <param name="GatewayListen">BETEXECUTOR_GATEWAY_LISTEN, as given.</param>
public sealed record NodeEnvironment(
    NodeOptions Options, VenueChoice Venue, bool JsonLogs, bool StdinFeed, Serilog.Events.LogEventLevel LogLevel,
    string? DataDirectory = null, bool AdoptStorage = false, bool RolesGiven = false, string? GatewayKeys = null, string? GatewayListen = null)
{
    public static NodeEnvironment Read(Func<string, string?> get)
    {
        string? Value(string name) => get(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;

        var name = Value("BETEXECUTOR_NODE") ?? Environment.MachineName;
        if (name.Any(char.IsControl) || name.Length > 100)
            throw new NodeUsageException("BETEXECUTOR_NODE", "must be a name of at most 100 printable characters");
        var port = Value("BETEXECUTOR_PORT") is { } p
            ? int.TryParse(p, out var parsed) && parsed is >= 0 and <= 65535 ? parsed : throw new NodeUsageException("BETEXECUTOR_PORT", $"'{p}' is not a port number (0 to 65535)")
            : 0;
        var redis = Value("BETEXECUTOR_REDIS");
        if (redis is not null)
        {
            try
            {
                RedisConnectionString.Parse(redis);
            }
            catch (FormatException ex)
            {
                throw new NodeUsageException("BETEXECUTOR_REDIS", $"{ex.Message}; write HOST:PORT[,password=…] or redis://[:PASSWORD@]HOST:PORT");
            }
        }
        var tls = Value("BETEXECUTOR_TLS_CERT") is { } certificate
            ? new RemoteTls(certificate, get("BETEXECUTOR_TLS_CERT_PASSWORD") ?? "")
            : null;
        var options = new NodeOptions(
            name,
            Hostname: Host("BETEXECUTOR_HOST", Value("BETEXECUTOR_HOST")) ?? "127.0.0.1",
            Port: port,
            SeedNodes: Seeds(Value("BETEXECUTOR_SEEDS")),
            RedisConnectionString: redis,
            ExtraHocon: Hocon(Value("BETEXECUTOR_HOCON")),
            Tls: tls,
            BindHostname: Host("BETEXECUTOR_BIND_HOST", Value("BETEXECUTOR_BIND_HOST")))
        {
            Roles = Roles(Value("BETEXECUTOR_ROLES")),
        };
        try
        {
            RemotingSecurity.Remoting(options);
        }
        catch (RemotingSettingException ex)
        {
            throw ex.Option switch
            {
                nameof(NodeOptions.BindHostname) => new NodeUsageException("BETEXECUTOR_BIND_HOST", $"{ex.Message} (set BETEXECUTOR_TLS_CERT)"),
                nameof(NodeOptions.Hostname) => new NodeUsageException("BETEXECUTOR_HOST", $"{ex.Message} (set BETEXECUTOR_TLS_CERT)"),
                _ => new NodeUsageException("BETEXECUTOR_TLS_CERT", ex.Message),
            };
        }
        return new NodeEnvironment(options, ReadVenue(Value("BETEXECUTOR_VENUE")), Logs(Value("BETEXECUTOR_LOG")), Feed(Value("BETEXECUTOR_FEED")),
            Level(Value("BETEXECUTOR_LOG_LEVEL")), Value("BETEXECUTOR_DATA"), Adopt(Value("BETEXECUTOR_ADOPT_STORAGE")),
            RolesGiven: Value("BETEXECUTOR_ROLES") is not null, GatewayKeys: Value("BETEXECUTOR_GATEWAY_KEYS"), GatewayListen: Value("BETEXECUTOR_GATEWAY_LISTEN"));
    }

    private static NodeRoles Roles(string? text)
    {
        if (text is null) return NodeRoles.Both;
        try
        {
            return NodeRoles.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new NodeUsageException("BETEXECUTOR_ROLES", ex.Message);
        }
    }

    /// <summary>A host name or IP address as remoting takes it: no scheme, port, path or space.</summary>
    private static string? Host(string variable, string? text)
    {
        if (text is null) return null;
        if (Uri.CheckHostName(text) == UriHostNameType.Unknown)
            throw new NodeUsageException(variable, $"'{text}' is not a host name or IP address (write e.g. 10.0.0.5 or node1.example.com, without a port)");
        return text;
    }

    private static IReadOnlyList<string> Seeds(string? text)
    {
        if (text is null) return [];
        var seeds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var seed in seeds)
        {
            var valid = Uri.TryCreate(seed, UriKind.Absolute, out var uri)
                && uri.Scheme == "akka.tcp" && uri.UserInfo.Length > 0 && uri.Host.Length > 0
                && uri.Port is > 0 and <= 65535 && uri.AbsolutePath is "" or "/";
            if (!valid)
                throw new NodeUsageException("BETEXECUTOR_SEEDS", $"'{seed}' is not a seed address: write akka.tcp://betexecutor@HOST:PORT, several separated by commas");
            if (uri!.UserInfo != "betexecutor")
                throw new NodeUsageException("BETEXECUTOR_SEEDS", $"'{seed}' names the actor system '{uri.UserInfo}'; executor nodes are akka.tcp://betexecutor@HOST:PORT");
        }
        return seeds;
    }

    private static Config? Hocon(string? file)
    {
        if (file is null) return null;
        if (!File.Exists(file)) throw new NodeUsageException("BETEXECUTOR_HOCON", $"{file} does not exist");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeUsageException("BETEXECUTOR_HOCON", $"{file} cannot be read ({ex.Message})");
        }
        return HoconFile.Parse(text, file);
    }

    private static VenueChoice ReadVenue(string? text) => text switch
    {
        null => new VenueChoice.NotSet(),
        "simulator" => new VenueChoice.Simulator(),
        _ when Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" => new VenueChoice.Http(address),
        _ => throw new NodeUsageException("BETEXECUTOR_VENUE", $"'{text}' is neither an http(s) address nor 'simulator'"),
    };

    private static bool Adopt(string? text) => text switch
    {
        null or "no" => false,
        "yes" => true,
        _ => throw new NodeUsageException("BETEXECUTOR_ADOPT_STORAGE", $"'{text}' is neither yes nor no"),
    };

    /// <summary>JSON or readable lines; unset or auto: JSON when standard error, where logs go, is not a terminal.</summary>
    private static bool Logs(string? text) => Hosting.NodeLogging.JsonFor(text, Console.IsErrorRedirected);

    private static bool Feed(string? text) => text switch
    {
        null => false,
        "stdin" => true,
        _ => throw new NodeUsageException("BETEXECUTOR_FEED", $"'{text}' is not a feed (the only one is stdin)"),
    };

    private static Serilog.Events.LogEventLevel Level(string? text) => text?.ToLowerInvariant() switch
    {
        null or "information" or "info" => Serilog.Events.LogEventLevel.Information,
        "debug" => Serilog.Events.LogEventLevel.Debug,
        "warning" => Serilog.Events.LogEventLevel.Warning,
        "error" => Serilog.Events.LogEventLevel.Error,
        _ => throw new NodeUsageException("BETEXECUTOR_LOG_LEVEL", $"'{text}' is not a level (debug, information, warning, error)"),
    };
}

/// <summary>A node started with a bad environment variable or setting: the message is the one line the user sees.</summary>
public sealed class NodeUsageException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
