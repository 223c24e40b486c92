using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// A pair started only to note that its account resolved its exposure (BetPairActor.ReleaseProps) acts on nothing,
/// whatever phase its events left it in: an account gives up on a pair that keeps failing, and that pair's events may
/// stop where a normal start would place its hedge. It stores the snapshot that ends the hold, then stops.
/// </summary>
public sealed class PairReleaseSpecs : ActorSpecBase
{
    private static readonly EventMeta Meta = new(Start, Alice.Key, "s-1", "spec-node", "inc-1");

    /// <summary>The positive accepted and no hedge intent stored: a normal start would hedge at once.</summary>
    private async Task<string> PairAwaitingItsHedgeAsync()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        var pid = BetPairActor.PersistenceIdFor(Alice, "s-1");
        object[] events =
        [
            new PositiveIntentRecorded(signal, ClientReference.For(Alice, "s-1", LegKind.Positive), 50m, 2.10m, Start) { Meta = Meta },
            new PositiveAccepted(new AcceptedBet("bet-1", 50m, 2.10m)) { Meta = Meta },
        ];
        var writer = Sys.ActorOf(Props.Create(() => new HistoryWriter(pid)));
        Assert.Equal(2L, await writer.Ask<long>(events, TimeSpan.FromSeconds(10)));
        await writer.GracefulStop(TimeSpan.FromSeconds(10));
        return pid;
    }

    [Fact]
    public async Task Started_to_note_a_resolution_it_places_nothing_stores_a_snapshot_that_holds_nothing_and_stops()
    {
        var pid = await PairAwaitingItsHedgeAsync();

        var pair = Watch(Sys.ActorOf(BetPairActor.ReleaseProps(Alice, "s-1", Services, Start.AddHours(1))));
        ExpectTerminated(pair, TimeSpan.FromSeconds(10));
        await Clock.AdvanceToAsync(Start.AddMinutes(10), TimeSpan.FromSeconds(10));

        Assert.Empty(Venue.AllAttempts());
        var (snapshot, sequenceNr) = await NewestSnapshotAsync(pid);
        Assert.Equal(2, sequenceNr);
        Assert.Equal((PairStatus.PositiveAccepted, Start.AddHours(1)), (snapshot.State.Status, snapshot.ExposureResolvedAt));
        Assert.Null(((IRetentionHold)snapshot).KeepEventsFrom);
    }

    [Fact]
    public async Task The_same_history_started_normally_hedges_so_the_check_above_can_fail()
    {
        await PairAwaitingItsHedgeAsync();

        Sys.ActorOf(BetPairActor.Props(Alice, "s-1", Services));
        await AwaitAssertAsync(() => Assert.NotEmpty(Venue.AllAttempts()), TimeSpan.FromSeconds(10));
    }

    private async Task<(PairSnapshot Snapshot, long SequenceNr)> NewestSnapshotAsync(string persistenceId)
    {
        var store = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var loaded = await store.Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(10));
        return ((PairSnapshot)loaded.Snapshot!.Snapshot, loaded.Snapshot.Metadata.SequenceNr);
    }

    /// <summary>Persists the events it is sent under the pair's persistence id, as the pair would have.</summary>
    private sealed class HistoryWriter : ReceivePersistentActor
    {
        public HistoryWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object[]>(events =>
            {
                var replyTo = Sender;
                PersistAll(events, _ => { });
                DeferAsync(events.Length, _ => replyTo.Tell(LastSequenceNr));
            });
        }

        public override string PersistenceId { get; }
    }
}
