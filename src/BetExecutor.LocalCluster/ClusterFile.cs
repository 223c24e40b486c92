using System.Text.Json;

namespace BetExecutor.LocalCluster;

/// <summary>
/// cluster.json: whether the cluster is ready (false while <c>up</c> runs), how to reach the running cluster (gateway URL, API key, venue, Redis) and which processes make it
/// (pid and start time, so <c>down</c> stops exactly those and never a process that reused a pid). Readable by its
/// owner only: it holds the API key and the Redis password.
/// </summary>
public sealed record ClusterFile(
    bool Ready,
    string? Gateway,
    string ApiKey,
    string ApiKeyName,
    string? Venue,
    RedisEntry? Redis,
    string? AdminToken,
    IReadOnlyList<NodeEntry> Nodes,
    IReadOnlyList<ProcessEntry> Services,
    DateTimeOffset StartedAt)
{
    public const string FileName = "cluster.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(string path, ClusterFile file)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file, Json) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file, or null if there is none; a file that cannot be read is a <see cref="LaunchException"/>.</summary>
    public static ClusterFile? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ClusterFile>(File.ReadAllText(path), Json)
                ?? throw new LaunchException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new LaunchException($"{path} cannot be read ({e.Message}); stop its processes by their pids and delete it");
        }
    }

    /// <summary>Every process of the cluster, in the order to stop them: gateways, executors, venue, Redis.</summary>
    public IEnumerable<ChildProcess> Processes() =>
        Nodes.OrderBy(n => n.Roles.Contains(NodeRoles.Executor) ? 1 : 0)
            .Select(n => ChildProcess.Known(n.Name, n.Pid, n.StartTicks, n.Log))
            .Concat(Services.Select(s => ChildProcess.Known(s.Name, s.Pid, s.StartTicks, s.Log)));
}

public sealed record RedisEntry(string Address, string Password, string ConnectionString);

/// <summary>A node: <c>gateway</c> is its HTTP address when it has the gateway role; <c>admin</c> its admin API's address.</summary>
public sealed record NodeEntry(
    string Name, IReadOnlyList<string> Roles, int Pid, long StartTicks, string Address, string? Gateway, string? Admin, string Log);

public sealed record ProcessEntry(string Name, int Pid, long StartTicks, string Log);
