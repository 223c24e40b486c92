namespace BetExecutor.Node.Hosting;

/// <summary>Where a node listens and whom it joins.</summary>
/// <param name="Port">0 picks a free port (embedded nodes); a fixed port for nodes that others seed from.</param>
/// <param name="SeedNodes">Akka addresses to join; empty means the node forms a cluster of its own.</param>
/// <param name="RedisConnectionString">When set, events and snapshots go to Redis; otherwise they stay in memory.</param>
/// <param name="ExtraHocon">Settings layered over hocon/betexecutor.conf (a deployment's overrides).</param>
/// <param name="RedisKeyPrefix">Prefix of every Redis key the node writes (events, snapshots, sharding state); demo and
/// simulation runs use one of their own so that they never touch a deployment's keys.</param>
public sealed record NodeOptions(
    string NodeName,
    string Hostname = "127.0.0.1",
    int Port = 0,
    IReadOnlyList<string>? SeedNodes = null,
    IReadOnlyList<string>? Roles = null,
    string? RedisConnectionString = null,
    string ActorSystemName = "betexecutor",
    Akka.Configuration.Config? ExtraHocon = null,
    string RedisKeyPrefix = NodeOptions.ProductionKeyPrefix)
{
    public const string ProductionKeyPrefix = "betexecutor:";
}
