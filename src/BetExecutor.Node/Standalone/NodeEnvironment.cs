using Akka.Configuration;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Node.Standalone;

/// <summary>
/// A deployed node's settings, from environment variables over hocon/betexecutor.conf:
/// <list type="bullet">
/// <item><c>BETEXECUTOR_NODE</c> — node name stamped on every event (default: the machine name)</item>
/// <item><c>BETEXECUTOR_HOST</c>, <c>BETEXECUTOR_PORT</c> — remoting address (default 127.0.0.1, port 0 = any free)</item>
/// <item><c>BETEXECUTOR_SEEDS</c> — comma-separated seed addresses (<c>akka.tcp://betexecutor@host:port</c>); none = a cluster of its own</item>
/// <item><c>BETEXECUTOR_REDIS</c> — Redis connection string; unset = in-memory journal (nothing survives a restart)</item>
/// <item><c>BETEXECUTOR_VENUE</c> — base address of the HTTP venue; unset = the in-process venue simulator</item>
/// <item><c>BETEXECUTOR_HOCON</c> — a HOCON file layered over the defaults (e.g. limits per identity, timings)</item>
/// <item><c>BETEXECUTOR_LOG</c> — <c>json</c> for compact JSON logs (production), anything else for readable console logs</item>
/// <item><c>BETEXECUTOR_FEED</c> — <c>stdin</c>: take commands as JSON lines on standard input, answer on standard output</item>
/// <item><c>BETEXECUTOR_DATA</c> — the node's data directory (default: <c>bet-executor.data-directory</c>), where it keeps the Redis storage epoch it wrote to</item>
/// <item><c>BETEXECUTOR_ADOPT_STORAGE</c> — <c>yes</c>: take a Redis that lost this node's data as it now is (an operator's decision; see the README)</item>
/// </list>
/// </summary>
public sealed record NodeEnvironment(NodeOptions Options, Uri? Venue, bool JsonLogs, bool StdinFeed, string? DataDirectory = null, bool AdoptStorage = false)
{
    public static NodeEnvironment Read(Func<string, string?> get)
    {
        var name = get("BETEXECUTOR_NODE") is { Length: > 0 } n ? n : Environment.MachineName;
        var port = get("BETEXECUTOR_PORT") is { Length: > 0 } p
            ? int.TryParse(p, out var parsed) && parsed is >= 0 and <= 65535 ? parsed : throw new ArgumentException($"BETEXECUTOR_PORT: '{p}' is not a port number")
            : 0;
        var seeds = get("BETEXECUTOR_SEEDS") is { Length: > 0 } s
            ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        Config? extra = null;
        if (get("BETEXECUTOR_HOCON") is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new ArgumentException($"BETEXECUTOR_HOCON: {file} does not exist");
            extra = ConfigurationFactory.ParseString(File.ReadAllText(file));
        }
        Uri? venue = null;
        if (get("BETEXECUTOR_VENUE") is { Length: > 0 } v && !Uri.TryCreate(v, UriKind.Absolute, out venue))
            throw new ArgumentException($"BETEXECUTOR_VENUE: '{v}' is not an absolute address");
        var options = new NodeOptions(
            name,
            Hostname: get("BETEXECUTOR_HOST") is { Length: > 0 } h ? h : "127.0.0.1",
            Port: port,
            SeedNodes: seeds,
            RedisConnectionString: get("BETEXECUTOR_REDIS") is { Length: > 0 } r ? r : null,
            ExtraHocon: extra);
        var adopt = get("BETEXECUTOR_ADOPT_STORAGE") switch
        {
            null or "" or "no" => false,
            "yes" => true,
            var other => throw new ArgumentException($"BETEXECUTOR_ADOPT_STORAGE: '{other}' is neither yes nor no"),
        };
        return new NodeEnvironment(options, venue, get("BETEXECUTOR_LOG") == "json", get("BETEXECUTOR_FEED") == "stdin",
            get("BETEXECUTOR_DATA") is { Length: > 0 } data ? data : null, adopt);
    }
}
