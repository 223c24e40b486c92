using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>Selection criteria, deletes and serialisation (the persistence TCK's SnapshotStoreSpec).</summary>
public abstract class SnapshotStoreSpecs : Akka.TestKit.Xunit2.TestKit
{
    // An upper bound, not a pace: the first call also connects (to six servers, on the cluster) on a loaded machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    // Five snapshots at sequence numbers 11..15, a minute apart, so every criterion separates them.
    private static readonly DateTime FirstTaken = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _pid = $"snap-{Guid.NewGuid():N}";
    private readonly List<SnapshotMetadata> _saved = [];

    protected SnapshotStoreSpecs(string connectionString, ITestOutputHelper output)
        : base(TestConfig.For(connectionString), null, output)
    {
        for (var i = 1; i <= 5; i++)
            _saved.Add(Save(new SnapshotMetadata(_pid, 10 + i, FirstTaken.AddMinutes(i - 1)), $"s-{i}"));
    }

    private IActorRef Store => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    private SnapshotMetadata Save(SnapshotMetadata metadata, object state)
    {
        Store.Tell(new SaveSnapshot(metadata, state), TestActor);
        return ExpectMsg<SaveSnapshotSuccess>(Patience).Metadata;
    }

    private LoadSnapshotResult Load(SnapshotSelectionCriteria criteria, long toSequenceNr = long.MaxValue, string? pid = null)
    {
        Store.Tell(new LoadSnapshot(pid ?? _pid, criteria, toSequenceNr), TestActor);
        return ExpectMsg<LoadSnapshotResult>(Patience);
    }

    private void AssertLoaded(LoadSnapshotResult result, int index)
    {
        Assert.NotNull(result.Snapshot);
        Assert.Equal(_saved[index], result.Snapshot.Metadata);
        Assert.Equal($"s-{index + 1}", result.Snapshot.Snapshot);
    }

    [Fact]
    public void Nothing_is_loaded_for_an_unknown_persistence_id()
    {
        var result = Load(SnapshotSelectionCriteria.Latest, pid: "no-such-id-" + Guid.NewGuid());
        Assert.Null(result.Snapshot);
        Assert.Equal(long.MaxValue, result.ToSequenceNr);
    }

    [Fact]
    public void Nothing_is_loaded_when_every_snapshot_is_newer_than_the_timestamp_bound()
    {
        Assert.Null(Load(new SnapshotSelectionCriteria(long.MaxValue, FirstTaken.AddTicks(-1))).Snapshot);
    }

    [Fact]
    public void Nothing_is_loaded_when_every_snapshot_is_above_the_sequence_number_bound()
    {
        Assert.Null(Load(new SnapshotSelectionCriteria(7)).Snapshot);
        var limited = Load(SnapshotSelectionCriteria.Latest, toSequenceNr: 7);
        Assert.Null(limited.Snapshot);
        Assert.Equal(7, limited.ToSequenceNr);
    }

    [Fact]
    public void The_most_recent_snapshot_is_loaded_with_its_exact_metadata()
    {
        AssertLoaded(Load(SnapshotSelectionCriteria.Latest), 4);
    }

    [Fact]
    public void The_newest_snapshot_at_or_below_the_sequence_number_bound_is_loaded()
    {
        AssertLoaded(Load(new SnapshotSelectionCriteria(13)), 2);
        var limited = Load(SnapshotSelectionCriteria.Latest, toSequenceNr: 13);
        AssertLoaded(limited, 2);
        Assert.Equal(13, limited.ToSequenceNr);
    }

    [Fact]
    public void The_newest_snapshot_matching_both_sequence_number_and_timestamp_bounds_is_loaded()
    {
        AssertLoaded(Load(new SnapshotSelectionCriteria(13, _saved[2].Timestamp)), 2);
        AssertLoaded(Load(new SnapshotSelectionCriteria(long.MaxValue, _saved[2].Timestamp), toSequenceNr: 13), 2);
        AssertLoaded(Load(new SnapshotSelectionCriteria(long.MaxValue, _saved[1].Timestamp)), 1);
    }

    [Fact]
    public void Lower_bounds_exclude_older_snapshots()
    {
        Assert.Null(Load(new SnapshotSelectionCriteria(12, DateTime.MaxValue, minSequenceNr: 13)).Snapshot);
        Assert.Null(Load(new SnapshotSelectionCriteria(15, _saved[1].Timestamp, minSequenceNr: 0, minTimestamp: _saved[2].Timestamp)).Snapshot);
        AssertLoaded(Load(new SnapshotSelectionCriteria(15, DateTime.MaxValue, minSequenceNr: 11, minTimestamp: _saved[3].Timestamp)), 4);
    }

    [Fact]
    public void A_single_snapshot_is_deleted_by_sequence_number_and_timestamp()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published.Ref, typeof(DeleteSnapshot));
        var command = new DeleteSnapshot(_saved[2]);

        Store.Tell(command, TestActor);

        ExpectMsg<DeleteSnapshotSuccess>(Patience);
        published.ExpectMsg(command, Patience);
        AssertLoaded(Load(new SnapshotSelectionCriteria(_saved[2].SequenceNr)), 1);
    }

    [Fact]
    public void A_single_snapshot_is_deleted_by_sequence_number_alone_when_the_timestamp_is_unset()
    {
        Store.Tell(new DeleteSnapshot(new SnapshotMetadata(_pid, _saved[2].SequenceNr, DateTime.MinValue)), TestActor);
        ExpectMsg<DeleteSnapshotSuccess>(Patience);

        AssertLoaded(Load(new SnapshotSelectionCriteria(_saved[2].SequenceNr)), 1);
    }

    [Fact]
    public void A_snapshot_newer_than_the_delete_timestamp_is_kept()
    {
        var older = new SnapshotMetadata(_pid, _saved[2].SequenceNr, _saved[2].Timestamp - TimeSpan.FromSeconds(2));
        Store.Tell(new DeleteSnapshot(older), TestActor);
        ExpectMsg<DeleteSnapshotSuccess>(Patience);

        AssertLoaded(Load(new SnapshotSelectionCriteria(_saved[2].SequenceNr)), 2);
    }

    [Fact]
    public void Deleting_by_criteria_removes_every_matching_snapshot_and_nothing_else()
    {
        var criteria = new SnapshotSelectionCriteria(_saved[2].SequenceNr, _saved[2].Timestamp);
        Store.Tell(new DeleteSnapshots(_pid, criteria), TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>(Patience);

        Assert.Null(Load(criteria).Snapshot);
        AssertLoaded(Load(new SnapshotSelectionCriteria(_saved[3].SequenceNr, _saved[3].Timestamp)), 3);
    }

    [Fact]
    public void Deleting_by_criteria_keeps_snapshots_just_newer_than_the_timestamp_bound()
    {
        var criteria = new SnapshotSelectionCriteria(_saved[3].SequenceNr, _saved[3].Timestamp.AddTicks(-1));
        Store.Tell(new DeleteSnapshots(_pid, criteria), TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>(m => m.Criteria.Equals(criteria), Patience);

        AssertLoaded(Load(new SnapshotSelectionCriteria(_saved[3].SequenceNr, _saved[3].Timestamp)), 3);
        Assert.Null(Load(new SnapshotSelectionCriteria(_saved[2].SequenceNr)).Snapshot);
    }

    [Fact]
    public void Saving_at_an_existing_sequence_number_overwrites_that_snapshot()
    {
        Save(_saved[4], "s-5-modified");

        var result = Load(new SnapshotSelectionCriteria(_saved[4].SequenceNr));
        Assert.Equal("s-5-modified", result.Snapshot.Snapshot);
        Assert.Equal(_saved[4].SequenceNr, result.Snapshot.Metadata.SequenceNr);
    }

    [Fact]
    public void A_large_binary_snapshot_is_saved_and_loaded_byte_for_byte()
    {
        var state = new byte[256 * 1024];
        new Random(42).NextBytes(state);
        Save(new SnapshotMetadata(_pid, 100, FirstTaken.AddHours(1)), state);

        Assert.Equal(state, (byte[])Load(SnapshotSelectionCriteria.Latest).Snapshot.Snapshot);
    }

    [Fact]
    public void Snapshot_state_goes_through_its_bound_serializer()
    {
        var state = new LedgerSnapshot(["bet-1", "bet-2"]);
        Save(new SnapshotMetadata(_pid, 100, FirstTaken.AddHours(1)), state);

        var loaded = Load(SnapshotSelectionCriteria.Latest).Snapshot;
        Assert.Equal(state, Assert.IsType<LedgerSnapshot>(loaded.Snapshot));
        Assert.Equal((_pid, 100L), (loaded.Metadata.PersistenceId, loaded.Metadata.SequenceNr));
    }

    [Fact]
    public void A_persistent_actor_recovers_from_its_snapshot_plus_later_events()
    {
        var pid = $"snap-actor-{Guid.NewGuid():N}";
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        ledger.Tell(new LedgerActor.Append("a"));
        ledger.Tell(new LedgerActor.Append("b"));
        ledger.Tell(new LedgerActor.TakeSnapshot());
        ledger.Tell(new LedgerActor.Append("c"));
        ReceiveN(3, Patience);
        observer.ExpectMsg<SaveSnapshotSuccess>(s => s.Metadata.SequenceNr == 2, Patience);
        Watch(ledger);
        ledger.Tell(PoisonPill.Instance);
        ExpectTerminated(ledger);

        var again = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        again.Tell(new LedgerActor.GetEntries());

        var entries = ExpectMsg<LedgerActor.Entries>(Patience);
        Assert.Equal(["a", "b", "c"], entries.Items);
        Assert.Equal(3, entries.LastSequenceNr);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class SnapshotStoreOnOneServerSpecs(SharedRedisFixture redis, ITestOutputHelper output) : SnapshotStoreSpecs(redis.Server.ConnectionString, output);

[Collection(SharedRedisClusterCollection.Name)]
public sealed class SnapshotStoreOnClusterSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output) : SnapshotStoreSpecs(cluster.ConnectionString, output);
