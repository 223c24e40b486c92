namespace BetExecutor.Node.Hosting;

/// <summary>Where a node listens, whom it joins, where it persists.</summary>
/// <param name="Hostname">The public hostname: the address other members reach this node at (it is in the node's
/// Akka address). Also where remoting listens, unless <paramref name="BindHostname"/> says otherwise.</param>
/// <param name="Port">0 picks a free port (embedded nodes); a fixed port for nodes that others seed from.</param>
/// <param name="SeedNodes">Akka addresses to join; empty means the node forms a cluster of its own.</param>
/// <param name="RedisConnectionString">When set, events and snapshots go to Redis; otherwise they stay in memory.</param>
/// <param name="ExtraHocon">A deployment's overrides of reference.conf (BetExecutor.Actors), e.g. limits per identity.</param>
/// <param name="RedisKeyPrefix">Prefix of every Redis key the node writes (events, snapshots, sharding state); every member
/// of a cluster must use the same; demo and simulation runs use one of their own so that they never touch a deployment's keys.</param>
/// <param name="StorageEpoch">The Redis storage epoch checked at start against the node's data directory; null: the one Redis holds.</param>
/// <param name="Tls">Mutual TLS for remoting; required whenever <paramref name="Hostname"/> or <paramref name="BindHostname"/>
/// is not a loopback address.</param>
/// <param name="BindHostname">The address remoting listens on (e.g. 0.0.0.0 in a container, or the private address
/// behind NAT); null: <paramref name="Hostname"/>.</param>
public sealed record NodeOptions(
    string NodeName,
    string Hostname = "127.0.0.1",
    int Port = 0,
    IReadOnlyList<string>? SeedNodes = null,
    string? RedisConnectionString = null,
    string ActorSystemName = "betexecutor",
    Akka.Configuration.Config? ExtraHocon = null,
    string RedisKeyPrefix = NodeOptions.ProductionKeyPrefix,
    RemoteTls? Tls = null,
    string? StorageEpoch = null,
    string? BindHostname = null)
{
    public const string ProductionKeyPrefix = "betexecutor:";

    /// <summary>What the node does in the cluster; a single node is both executor and gateway.</summary>
    public NodeRoles Roles { get; init; } = NodeRoles.Both;

    /// <summary>Where remoting listens.</summary>
    public string ListenHostname => BindHostname ?? Hostname;
}

/// <summary>The node's certificate (PKCS#12 with its private key) for mutual TLS between cluster members.</summary>
/// <param name="CertificatePath">Path of the .pfx file; every member must trust the others' certificates.</param>
/// <param name="Password">The file's password; never logged.</param>
public sealed record RemoteTls(string CertificatePath, string Password)
{
    public override string ToString() => $"RemoteTls {{ CertificatePath = {CertificatePath} }}";
}
