using Akka.Actor;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Persistent actors append without pause while the primary holding their keys is killed (SIGKILL) and its replica
/// promoted (CLUSTER FAILOVER TAKEOVER), then started again (it rejoins as a replica). Just before, the replica stalls for a moment (SIGSTOP), as a lagging replica
/// does: that is the window in which a primary acknowledges writes its replica does not have. With wait-for-replicas
/// = 1 nothing acknowledged is lost and the writers carry on by themselves; without it the loss is counted and printed.
/// </summary>
public sealed class ClusterFailoverSpecs(ITestOutputHelper output)
{
    private const int WriterCount = 3;
    private static readonly TimeSpan ReplicaStall = TimeSpan.FromMilliseconds(400);

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Acknowledged_appends_survive_the_primary_killed_and_its_replica_promoted_only_when_replicas_must_confirm(int waitForReplicas)
    {
        // Append-only files, as in production: a server started again must not come back empty and, for the moment
        // before it learns it was replaced, serve its old slots with nothing in them.
        await using var cluster = await RedisClusterProcess.StartNewAsync(nodeTimeout: TimeSpan.FromSeconds(2), appendOnly: true);
        // A short breaker reset, so writers that failed during the failover are let through again soon after.
        var config = TestConfig.For(cluster.ConnectionString, keyPrefix: "failover:",
            circuitBreaker: "circuit-breaker { reset-timeout = 1s }",
            pluginSettings: $"wait-for-replicas = {waitForReplicas}\nwait-timeout = 500ms");
        var (doomed, promoted, ids) = await WritersOnOneShardAsync(cluster);

        var system = ActorSystem.Create("writers", config);
        var writers = ids.Select(id => new ClusterWriter(id, system)).ToArray();
        using var stop = new CancellationTokenSource();
        var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToArray();
        await ClusterWriter.Until(() => writers.All(w => w.AcknowledgedCount >= 20), TimeSpan.FromSeconds(30), "writers never got going");

        promoted.Pause();
        await Task.Delay(ReplicaStall);
        await doomed.StopAsync(); // SIGKILL
        promoted.Resume();
        await promoted.CommandAsync("CLUSTER", "FAILOVER", "TAKEOVER");
        foreach (var writer in writers) writer.Mark();
        // As an orchestrator would, the dead server is started again: it rejoins as the new primary's replica. Until it
        // has synced the shard has no replica, so with wait-for-replicas = 1 every append fails meanwhile (fail closed).
        await doomed.StartAsync();
        await cluster.WaitUntilHealthyAsync();
        Assert.Equal(promoted, (await cluster.ShardOfAsync(RedisKeys.SlotOf(ids[0]))).Primary);

        var recovered = await ClusterWriter.Eventually(() => writers.All(w => w.AcknowledgedSinceMark >= 10), TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await system.Terminate();

        var (acknowledged, lost) = await ClusterWriter.CountLostAsync(cluster.ConnectionString, "failover:", writers);
        output.WriteLine($"wait-for-replicas = {waitForReplicas}: {acknowledged} appends acknowledged, {lost} of them lost after the failover; " +
                         $"writers {(recovered ? "carried on by themselves" : "did not all carry on")} " +
                         $"({string.Join(", ", writers.Select(w => w.AcknowledgedSinceMark))} appends after it)");

        if (waitForReplicas > 0)
        {
            Assert.Equal(0, lost);
            Assert.True(recovered, "writers did not all append again after the failover");
        }
    }

    /// <summary>Persistence ids whose slot one primary serves, that primary, and its replica.</summary>
    private static async Task<(RedisServerProcess Primary, RedisServerProcess Replica, string[] Ids)> WritersOnOneShardAsync(RedisClusterProcess cluster)
    {
        var first = $"writer-{Guid.NewGuid():N}";
        var (primary, replica) = await cluster.ShardOfAsync(RedisKeys.SlotOf(first));
        var ids = new List<string> { first };
        while (ids.Count < WriterCount)
        {
            var id = $"writer-{Guid.NewGuid():N}";
            if ((await cluster.ShardOfAsync(RedisKeys.SlotOf(id))).Primary == primary) ids.Add(id);
        }
        return (primary, replica, ids.ToArray());
    }
}
