using Akka.Actor;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Persistent actors append without pause while the slots of their keys move to another primary
/// (<c>redis-cli --cluster reshard</c>: MIGRATING/IMPORTING, keys moved, ASK and then MOVED answers): the client
/// follows the redirections, a write caught mid-move fails and its actor starts again, and nothing acknowledged is lost.
/// </summary>
public sealed class SlotMigrationSpecs(ITestOutputHelper output)
{
    private const int MovedSlots = 200;

    [Fact]
    public async Task Appends_go_on_while_their_slots_move_to_another_primary_and_nothing_acknowledged_is_lost()
    {
        await using var cluster = await RedisClusterProcess.StartNewAsync(nodeTimeout: TimeSpan.FromSeconds(5));
        var config = TestConfig.For(cluster.ConnectionString, keyPrefix: "migration:",
            circuitBreaker: "circuit-breaker { reset-timeout = 1s }", pluginSettings: "wait-for-replicas = 1\nwait-timeout = 500ms");
        // reshard moves the source's lowest slots first: the writers' ids hash into slots 0..MovedSlots-1.
        var (source, _) = await cluster.ShardOfAsync(0);
        var (target, _) = await cluster.ShardOfAsync(ClusterSlot.Count - 1);
        var ids = Enumerable.Range(0, int.MaxValue).Select(_ => $"mover-{Guid.NewGuid():N}")
            .Where(id => RedisKeys.SlotOf(id) < MovedSlots).Take(3).ToArray();

        var system = ActorSystem.Create("writers", config);
        var writers = ids.Select(id => new ClusterWriter(id, system)).ToArray();
        using var stop = new CancellationTokenSource();
        var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToArray();
        await ClusterWriter.Until(() => writers.All(w => w.AcknowledgedCount >= 20), TimeSpan.FromSeconds(30), "writers never got going");

        await cluster.ReshardAsync(source, target, MovedSlots);
        foreach (var writer in writers) writer.Mark();
        Assert.All(ids, id => Assert.Equal(target, cluster.ShardOfAsync(RedisKeys.SlotOf(id)).GetAwaiter().GetResult().Primary));

        var carriedOn = await ClusterWriter.Eventually(() => writers.All(w => w.AcknowledgedSinceMark >= 10), TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await system.Terminate();

        var (acknowledged, lost) = await ClusterWriter.CountLostAsync(cluster.ConnectionString, "migration:", writers);
        output.WriteLine($"{acknowledged} appends acknowledged while {MovedSlots} slots moved, {lost} lost; " +
                         $"{string.Join(", ", writers.Select(w => w.AcknowledgedSinceMark))} appends after the move");
        Assert.Equal(0, lost);
        Assert.True(carriedOn, "writers did not all append again on the new primary");
    }
}
