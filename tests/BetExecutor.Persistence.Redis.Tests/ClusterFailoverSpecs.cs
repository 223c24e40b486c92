using Akka.Actor;
using Akka.Pattern;
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
        var writers = ids.Select(id => new Writer(id, system)).ToArray();
        using var stop = new CancellationTokenSource();
        var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToArray();
        await Until(() => writers.All(w => w.AcknowledgedCount >= 20), TimeSpan.FromSeconds(30), "writers never got going");

        promoted.Pause();
        await Task.Delay(ReplicaStall);
        await doomed.StopAsync(); // SIGKILL
        promoted.Resume();
        await promoted.CommandAsync("CLUSTER", "FAILOVER", "TAKEOVER");
        foreach (var writer in writers) writer.MarkFailover();
        // As an orchestrator would, the dead server is started again: it rejoins as the new primary's replica. Until it
        // has synced the shard has no replica, so with wait-for-replicas = 1 every append fails meanwhile (fail closed).
        await doomed.StartAsync();
        await cluster.WaitUntilHealthyAsync();
        Assert.Equal(promoted, (await cluster.ShardOfAsync(RedisKeys.SlotOf(ids[0]))).Primary);

        var recovered = await Eventually(() => writers.All(w => w.AcknowledgedAfterFailover >= 10), TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await system.Terminate();

        var lost = 0;
        var acknowledged = 0;
        foreach (var writer in writers)
        {
            var (entries, highest) = await ReadBackAsync(cluster, writer.PersistenceId);
            Assert.Equal(highest, entries.Count); // contiguous: every sequence number 1..highest holds an event
            foreach (var (entry, sequenceNr) in writer.Acknowledged)
            {
                acknowledged++;
                if (sequenceNr > entries.Count || entries[(int)sequenceNr - 1] != entry) lost++;
            }
        }
        output.WriteLine($"wait-for-replicas = {waitForReplicas}: {acknowledged} appends acknowledged, {lost} of them lost after the failover; " +
                         $"writers {(recovered ? "carried on by themselves" : "did not all carry on")} " +
                         $"({string.Join(", ", writers.Select(w => w.AcknowledgedAfterFailover))} appends after it)");

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

    private static async Task<(IReadOnlyList<string> Entries, long Highest)> ReadBackAsync(RedisClusterProcess cluster, string persistenceId)
    {
        using var reader = ActorSystem.Create("reader", TestConfig.For(cluster.ConnectionString, keyPrefix: "failover:"));
        var ledger = reader.ActorOf(LedgerActor.Props(persistenceId, ActorRefs.Nobody));
        var held = await ledger.Ask<Entries>(new GetEntries(), TimeSpan.FromSeconds(20));
        await reader.Terminate();
        return (held.Items, held.LastSequenceNr);
    }

    private static async Task Until(Func<bool> condition, TimeSpan within, string failure)
    {
        if (!await Eventually(condition, within)) throw new TimeoutException(failure);
    }

    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>
    /// Appends one entry at a time to its persistent actor and keeps what was acknowledged. The actor runs under a
    /// backoff supervisor: when a persist fails it stops and is started again, recovering from what the storage holds.
    /// </summary>
    private sealed class Writer(string persistenceId, ActorSystem system)
    {
        private readonly IActorRef _supervisor = system.ActorOf(BackoffSupervisor.Props(Backoff.OnStop(
            LedgerActor.Props(persistenceId, ActorRefs.Nobody), "ledger", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.2, maxNrOfRetries: -1)));
        private readonly List<(string Entry, long SequenceNr)> _acknowledged = [];
        private int _beforeFailover = -1;

        public string PersistenceId => persistenceId;

        public IReadOnlyList<(string Entry, long SequenceNr)> Acknowledged { get { lock (_acknowledged) return _acknowledged.ToList(); } }

        public int AcknowledgedCount { get { lock (_acknowledged) return _acknowledged.Count; } }

        public int AcknowledgedAfterFailover { get { lock (_acknowledged) return _beforeFailover < 0 ? 0 : _acknowledged.Count - _beforeFailover; } }

        public void MarkFailover() { lock (_acknowledged) _beforeFailover = _acknowledged.Count; }

        public async Task RunAsync(CancellationToken stop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var entry = $"{persistenceId}#{n}";
                try
                {
                    var appended = await _supervisor.Ask<Appended>(new Append(entry), TimeSpan.FromSeconds(2), stop);
                    lock (_acknowledged) _acknowledged.Add((entry, appended.SequenceNr));
                }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
                {
                    // No answer: the outcome is unknown and not counted; the next entry is a new one.
                }
            }
        }
    }
}
