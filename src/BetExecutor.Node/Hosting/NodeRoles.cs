namespace BetExecutor.Node.Hosting;

/// <summary>
/// What a node does in the cluster: <c>executor</c> hosts the account shards; <c>gateway</c> takes signals in and
/// reaches the accounts through a shard region proxy. A single node (the default) is both.
/// </summary>
public sealed record NodeRoles
{
    public const string ExecutorRole = "executor";
    public const string GatewayRole = "gateway";

    private NodeRoles(bool executor, bool gateway)
    {
        Executor = executor;
        Gateway = gateway;
    }

    /// <summary>Executor and gateway: the single-node default.</summary>
    public static NodeRoles Both { get; } = new(executor: true, gateway: true);

    public static NodeRoles ExecutorOnly { get; } = new(executor: true, gateway: false);

    public static NodeRoles GatewayOnly { get; } = new(executor: false, gateway: true);

    /// <summary>Hosts the account shards (AccountActors and their pairs).</summary>
    public bool Executor { get; }

    /// <summary>Takes signals in (the HTTP gateway) and reaches the accounts through a shard region proxy.</summary>
    public bool Gateway { get; }

    /// <summary>The Akka cluster roles of the node.</summary>
    public IReadOnlyList<string> Names => this switch
    {
        { Executor: true, Gateway: true } => [ExecutorRole, GatewayRole],
        { Executor: true } => [ExecutorRole],
        _ => [GatewayRole],
    };

    /// <summary><c>executor</c>, <c>gateway</c> or both, comma-separated, in any order.</summary>
    /// <exception cref="FormatException">an unknown, repeated or missing role (the message says which).</exception>
    public static NodeRoles Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0)) throw new FormatException($"'{text}' has an empty role: write executor, gateway or executor,gateway");
        foreach (var part in parts)
        {
            if (part is not (ExecutorRole or GatewayRole))
                throw new FormatException($"'{part}' is not a role: write executor, gateway or executor,gateway");
        }
        if (parts.Distinct().Count() != parts.Length) throw new FormatException($"'{text}' names a role twice");
        return new NodeRoles(parts.Contains(ExecutorRole), parts.Contains(GatewayRole)) switch
        {
            { Executor: true, Gateway: true } => Both,
            { Executor: true } => ExecutorOnly,
            _ => GatewayOnly,
        };
    }

    public override string ToString() => string.Join(",", Names);
}
