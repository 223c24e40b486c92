using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Pairs;
using BetExecutor.Actors.Serialization;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Simulation;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>
/// Pair retention on a real node and a real redis-server (keep-events-for = 0s; no sweep runs during the test, so a
/// finished pair's snapshot is still there to recover from): a pair that settled takes its snapshot and its events are
/// archived, then deleted, and it recovers, ended, from the snapshot alone, as it did from its events; a pair that ended
/// exposed keeps every event until the operator resolves the exposure, then they go the same way. The archive holds
/// each deleted event once, and folding the archived events gives the snapshot's state.
/// </summary>
public sealed class PairRetentionTests
{
    private static readonly Identity Liam = Account("liam");
    private static readonly Identity Mia = Account("mia");

    [Fact]
    public async Task A_finished_pair_recovers_from_its_snapshot_once_its_events_are_archived_and_deleted_and_an_exposed_one_keeps_them_until_resolved()
    {
        await using var rig = await RetentionRig.StartAsync(sweepInterval: "1h");
        var executor = rig.Executor;
        var settled = BetPairActor.PersistenceIdFor(Mia, "s-1");
        var exposed = BetPairActor.PersistenceIdFor(Liam, "s-1");

        await executor.SendAsync(For(Mia, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.SendAsync(For(Liam, "s-1"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.RunUntilQuietAsync();
        Assert.Single((await executor.StatusAsync(Liam)).Exposures);

        // Settled: every event archived once, then deleted; the pair recovers ended from its snapshot alone.
        var miaHighest = await ArchivedAndDeletedAsync(rig, settled);
        var (miaSnapshot, miaReplayed) = await RecoverAsync(executor, settled);
        Assert.Equal(PairStatus.Settled, miaSnapshot!.State.Status);
        Assert.Empty(miaReplayed);
        Assert.Equal(await FoldArchivedAsync(rig, Mia, settled), miaSnapshot.State);
        Assert.True(miaHighest >= 5, $"{settled}: {miaHighest} events");

        // Exposed: nothing of it is archived or deleted while the exposure is open.
        var liamHighest = await rig.HighestAsync(exposed);
        Assert.Equal(liamHighest, await rig.StoredAsync(exposed));
        Assert.Empty(await rig.ArchivedAsync(exposed));
        var (heldSnapshot, heldReplayed) = await RecoverAsync(executor, exposed);
        Assert.Equal((PairStatus.Exposed, (DateTimeOffset?)null, 0), (heldSnapshot!.State.Status, heldSnapshot.ExposureResolvedAt, heldReplayed.Count));

        await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand", "ops-anna");
        Assert.Equal(liamHighest, await ArchivedAndDeletedAsync(rig, exposed));
        var (released, replayed) = await RecoverAsync(executor, exposed);
        Assert.Equal(PairStatus.Exposed, released!.State.Status);
        Assert.NotNull(released.ExposureResolvedAt);
        Assert.Empty(replayed);
        Assert.Equal(await FoldArchivedAsync(rig, Liam, exposed), released.State);

        // The accounts are unchanged by it, across a restart.
        var before = RetentionRig.Json(await executor.StatusAsync(Liam)) + RetentionRig.Json(await executor.StatusAsync(Mia));
        await executor.RestartAsync();
        Assert.Equal(before, RetentionRig.Json(await executor.StatusAsync(Liam)) + RetentionRig.Json(await executor.StatusAsync(Mia)));
    }

    /// <summary>
    /// Waits (bounded) until the id's events are archived and gone from Redis; then checks that the archive holds each
    /// of 1 to the highest sequence number exactly once, and returns that highest.
    /// </summary>
    private static async Task<long> ArchivedAndDeletedAsync(RetentionRig rig, string persistenceId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var archived = await rig.ArchivedAsync(persistenceId);
            if (archived.Count > 0 && await rig.StoredAsync(persistenceId) == 0)
            {
                var highest = await rig.HighestAsync(persistenceId);
                Assert.Equal(Enumerable.Range(1, (int)highest).Select(n => (long)n), archived.Select(a => a.SequenceNr));
                // Once in the files too, not only after the reader's de-duplication.
                var lines = Directory.GetFiles(rig.Archive).SelectMany(File.ReadAllLines).Count(l => l.Contains($"\"persistenceId\":\"{persistenceId}\"", StringComparison.Ordinal));
                Assert.Equal(highest, lines);
                return highest;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{persistenceId}: its events were not archived and deleted from Redis in 20 s");
    }

    /// <summary>The pair's state folded from its archived events, read back as an audit would.</summary>
    private static async Task<PairState> FoldArchivedAsync(RetentionRig rig, Identity identity, string persistenceId) =>
        (await rig.ArchivedAsync(persistenceId))
            .Select(a => (PairEvent)JsonSerializer.Deserialize(a.Payload, Manifests.TypeOf(a.PayloadManifest), BetExecutorJsonSerializer.Options)!)
            .Aggregate(PairState.Initial(identity, persistenceId.Split('/')[^1]), (state, e) => state.Apply(e));

    /// <summary>Recovers the id on the node as the pair would (snapshot, then the events after it), without acting.</summary>
    private static async Task<(PairSnapshot? Snapshot, IReadOnlyList<object> Replayed)> RecoverAsync(ExecutorSimulation executor, string persistenceId)
    {
        var done = new TaskCompletionSource<(PairSnapshot?, IReadOnlyList<object>)>();
        executor.Node.System.ActorOf(Props.Create(() => new RecoveryProbe(persistenceId, done)));
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private sealed class RecoveryProbe : ReceivePersistentActor
    {
        public RecoveryProbe(string persistenceId, TaskCompletionSource<(PairSnapshot?, IReadOnlyList<object>)> done)
        {
            PersistenceId = persistenceId;
            PairSnapshot? snapshot = null;
            var replayed = new List<object>();
            Recover<SnapshotOffer>(offer => snapshot = (PairSnapshot)offer.Snapshot);
            Recover<RecoveryCompleted>(_ =>
            {
                done.TrySetResult((snapshot, replayed));
                Context.Stop(Self);
            });
            Recover<object>(replayed.Add);
        }

        public override string PersistenceId { get; }
    }
}
