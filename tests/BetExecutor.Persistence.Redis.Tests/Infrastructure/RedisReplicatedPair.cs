namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>A loopback primary and one replica of it (<c>--replicaof</c>), each a redis-server stopped by its pid on dispose.</summary>
public sealed class RedisReplicatedPair : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private RedisReplicatedPair(RedisServerProcess primary, RedisServerProcess replica)
    {
        Primary = primary;
        Replica = replica;
    }

    public RedisServerProcess Primary { get; }

    public RedisServerProcess Replica { get; }

    public static async Task<RedisReplicatedPair> StartNewAsync()
    {
        var primary = await RedisServerProcess.StartNewAsync();
        var replica = await RedisServerProcess.StartNewAsync(extraArguments: ["--replicaof", "127.0.0.1", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var pair = new RedisReplicatedPair(primary, replica);
        await pair.WaitUntilReplicaInSyncAsync();
        return pair;
    }

    /// <summary>The primary counts one connected replica (its link is up and the initial sync is done).</summary>
    public async Task WaitUntilReplicaInSyncAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var replica = await Replica.CommandAsync("INFO", "replication");
            var primary = await Primary.CommandAsync("INFO", "replication");
            if (replica.Contains("master_link_status:up", StringComparison.Ordinal) && primary.Contains("connected_slaves:1", StringComparison.Ordinal)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"replica on port {Replica.Port} did not sync with primary on port {Primary.Port} within {Patience}");
    }

    public async ValueTask DisposeAsync()
    {
        await Replica.DisposeAsync();
        await Primary.DisposeAsync();
    }
}
