namespace BetExecutor.LocalCluster;

/// <summary>The roles a node can have (BETEXECUTOR_ROLES): executor hosts the account shards, gateway serves HTTP.</summary>
public static class NodeRoles
{
    public const string Executor = "executor";
    public const string Gateway = "gateway";
}

/// <summary>One node of the cluster as configured: it keeps its name, ports and data directory across restarts.</summary>
/// <param name="AdminPort">Where the node's admin API listens (every node serves one).</param>
public sealed record NodeSpec(string Name, IReadOnlyList<string> Roles, int RemotingPort, int? GatewayPort, int AdminPort)
{
    public string Address => $"akka.tcp://betexecutor@127.0.0.1:{RemotingPort}";

    public Uri? GatewayUrl => GatewayPort is { } port ? new Uri($"http://127.0.0.1:{port}/") : null;

    public Uri AdminUrl => new($"http://127.0.0.1:{AdminPort}/");

    public bool IsExecutor => Roles.Contains(NodeRoles.Executor);

    public bool IsGateway => Roles.Contains(NodeRoles.Gateway);
}

/// <summary>A node and its current incarnation (the process now running under its name, or the last one that ran).</summary>
public sealed class ClusterNode(NodeSpec spec, ChildProcess process)
{
    public NodeSpec Spec { get; } = spec;
    public string Name => Spec.Name;
    public ChildProcess Process { get; private set; } = process;
    public int Incarnation { get; private set; } = 1;

    internal void Replace(ChildProcess process)
    {
        Process = process;
        Incarnation++;
    }

    public override string ToString() => $"{Name} (pid {Process.Pid}, incarnation {Incarnation})";
}
