using System.Diagnostics;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// A throw-away Redis Cluster on loopback: six <c>redis-server --cluster-enabled yes</c> processes on free ports (each in
/// its own temporary directory), joined by <c>redis-cli --cluster create … --cluster-replicas 1</c> into three primaries
/// with one replica each. Every process is stopped by its pid on dispose.
/// </summary>
public sealed class RedisClusterProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RedisClusterProcess(IReadOnlyList<RedisServerProcess> nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServerProcess> Nodes { get; }

    /// <summary>Every node's endpoint: the client learns the slot map from whichever answers.</summary>
    public string ConnectionString => string.Join(",", Nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",connectTimeout=2000";

    /// <param name="nodeTimeout">cluster-node-timeout: how long a silent primary goes before its replica takes over.</param>
    public static async Task<RedisClusterProcess> StartNewAsync(TimeSpan nodeTimeout, bool appendOnly = false)
    {
        var arguments = new[]
        {
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", ((int)nodeTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var nodes = new List<RedisServerProcess>();
        try
        {
            for (var i = 0; i < 6; i++) nodes.Add(await RedisServerProcess.StartNewAsync(durable: appendOnly, extraArguments: arguments));
            var cluster = new RedisClusterProcess(nodes);
            await cluster.CreateAsync();
            return cluster;
        }
        catch
        {
            foreach (var node in nodes) await node.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync()
    {
        var create = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        create.ArgumentList.Add("--cluster");
        create.ArgumentList.Add("create");
        foreach (var node in Nodes) create.ArgumentList.Add($"127.0.0.1:{node.Port}");
        foreach (var arg in new[] { "--cluster-replicas", "1", "--cluster-yes" }) create.ArgumentList.Add(arg);
        using var process = Process.Start(create) ?? throw new InvalidOperationException("could not start redis-cli");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Patience);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"redis-cli --cluster create exited {process.ExitCode}: {await output}{await errors}");
        await WaitUntilHealthyAsync();
    }

    /// <summary>
    /// Moves <paramref name="slots"/> slots from one primary to another with <c>redis-cli --cluster reshard</c> (the
    /// source's lowest-numbered slots first), keys and all, while the cluster keeps serving.
    /// </summary>
    public async Task ReshardAsync(RedisServerProcess from, RedisServerProcess to, int slots)
    {
        var fromId = await from.CommandAsync("CLUSTER", "MYID");
        var toId = await to.CommandAsync("CLUSTER", "MYID");
        var reshard = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--cluster", "reshard", $"127.0.0.1:{from.Port}", "--cluster-from", fromId, "--cluster-to", toId,
                     "--cluster-slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-yes" })
            reshard.ArgumentList.Add(arg);
        using var process = Process.Start(reshard) ?? throw new InvalidOperationException("could not start redis-cli");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Patience);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"redis-cli --cluster reshard exited {process.ExitCode}: {await output}{await errors}");
    }

    /// <summary>Every live node says cluster_state:ok (and, while all run, knows every replica), and every replica's link to its primary is up.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = "";
            foreach (var node in Nodes.Where(n => n.IsRunning))
            {
                var info = await InfoAsync(node, "CLUSTER INFO");
                var replication = await InfoAsync(node, "INFO replication");
                if (!info.Contains("cluster_state:ok", StringComparison.Ordinal)) last += $"{node.Port}: cluster not ok; ";
                // Every node must know every replica's primary, or a shard lookup asked of it finds none.
                var replicasKnown = (await InfoAsync(node, "CLUSTER NODES")).Split('\n').Count(l => l.Contains(" slave ", StringComparison.Ordinal) || l.Contains(",slave ", StringComparison.Ordinal));
                if (Nodes.All(n => n.IsRunning) && replicasKnown < Nodes.Count / 2) last += $"{node.Port}: knows {replicasKnown} replicas; ";
                if (replication.Contains("role:slave", StringComparison.Ordinal) && !replication.Contains("master_link_status:up", StringComparison.Ordinal))
                    last += $"{node.Port}: replica link down; ";
            }
            if (last.Length == 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Redis Cluster not healthy within {Patience}: {last}");
    }

    /// <summary>The primary that serves <paramref name="slot"/> now, and its replica.</summary>
    public async Task<(RedisServerProcess Primary, RedisServerProcess Replica)> ShardOfAsync(int slot)
    {
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            var lines = (await InfoAsync(node, "CLUSTER NODES")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var owner = lines.Select(l => l.Split(' ')).FirstOrDefault(f => f[2].Contains("master", StringComparison.Ordinal) && !f[2].Contains("fail", StringComparison.Ordinal)
                && f.Skip(8).Any(range => Covers(range, slot)));
            if (owner is null) continue;
            var replica = lines.Select(l => l.Split(' ')).First(f => f[3] == owner[0]);
            return (NodeAt(owner[1]), NodeAt(replica[1]));
        }
        throw new InvalidOperationException($"no node serves slot {slot}");
    }

    private RedisServerProcess NodeAt(string address) => Nodes.Single(n => address.StartsWith($"127.0.0.1:{n.Port}@", StringComparison.Ordinal));

    private static bool Covers(string range, int slot)
    {
        if (range.StartsWith('[')) return false;
        var bounds = range.Split('-');
        var low = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
        var high = bounds.Length > 1 ? int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) : low;
        return slot >= low && slot <= high;
    }

    /// <summary>One command to one node, on a connection of its own, its reply as text.</summary>
    public static Task<string> InfoAsync(RedisServerProcess node, string command) => node.CommandAsync(command.Split(' '));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
