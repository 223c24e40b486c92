namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// One loopback Redis Cluster (three primaries, three replicas) for every spec in the "redis cluster" collection: the
/// journal and snapshot specs run on it as they run on one server. Specs that kill nodes start a cluster of their own.
/// </summary>
public sealed class SharedRedisClusterFixture : IAsyncLifetime
{
    public RedisClusterProcess Cluster { get; private set; } = null!;

    public string ConnectionString => Cluster.ConnectionString;

    public async Task InitializeAsync() => Cluster = await RedisClusterProcess.StartNewAsync(nodeTimeout: TimeSpan.FromSeconds(5));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedRedisClusterCollection : ICollectionFixture<SharedRedisClusterFixture>
{
    public const string Name = "redis cluster";
}
