using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Journal;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>Serialisation, rejection, atomic batches and the sequence-number fence.</summary>
public abstract class JournalWriteSpecs(string connectionString, ITestOutputHelper output)
    : JournalProbeKit(TestConfig.For(connectionString), output)
{
    [Fact]
    public void Events_round_trip_with_payload_manifest_writer_guid_and_no_sender()
    {
        var pid = NewPersistenceId("serialise");
        var stake = new StakeRecorded("pair-17", 12.50m);

        var replies = Write(Atomically(Event(pid, 1, stake, manifest: "adapter-manifest-v2")));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        var replayed = Assert.Single(Replay(pid).Events);
        Assert.Equal(stake, replayed.Payload);
        Assert.Equal("adapter-manifest-v2", replayed.Manifest);
        Assert.Equal(WriterGuid, replayed.WriterGuid);
        Assert.Equal(pid, replayed.PersistenceId);
        Assert.Equal(1, replayed.SequenceNr);
        Assert.True(replayed.Sender is null || replayed.Sender.Equals(ActorRefs.NoSender) || replayed.Sender.Equals(Sys.DeadLetters));
    }

    [Fact]
    public void A_payload_that_does_not_serialise_is_rejected_while_its_neighbours_are_stored()
    {
        var pid = NewPersistenceId("reject");
        WriteStored(pid, 1, 5);

        var replies = Write(
            Atomically(Event(pid, 6, "b-6")),
            Atomically(Event(pid, 7, new CannotBeSerialised("poison"))),
            Atomically(Event(pid, 8, "b-8")));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.Equal(6, Assert.IsType<WriteMessageSuccess>(replies[1]).Persistent.SequenceNr);
        var rejected = Assert.IsType<WriteMessageRejected>(replies[2]);
        Assert.Equal(7, rejected.Persistent.SequenceNr);
        Assert.Equal(8, Assert.IsType<WriteMessageSuccess>(replies[3]).Persistent.SequenceNr);

        var (events, highest) = Replay(pid);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 8], SequenceNrs(events));
        Assert.Equal(8, highest);
    }

    [Fact]
    public void Several_events_in_one_atomic_write_are_stored_together()
    {
        var pid = NewPersistenceId("atomic");
        WriteStored(pid, 1, 1);

        var replies = Write(Atomically(Event(pid, 2), Event(pid, 3), Event(pid, 4)));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.All(replies.Skip(1), r => Assert.IsType<WriteMessageSuccess>(r));
        Assert.Equal([1L, 2, 3, 4], SequenceNrs(Replay(pid).Events));
    }

    [Fact]
    public void An_atomic_write_with_one_unserialisable_event_stores_none_of_its_events()
    {
        var pid = NewPersistenceId("atomic-reject");
        WriteStored(pid, 1, 1);

        var replies = Write(Atomically(Event(pid, 2), Event(pid, 3, new CannotBeSerialised("poison")), Event(pid, 4)));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.All(replies.Skip(1), r => Assert.IsType<WriteMessageRejected>(r));
        Assert.Equal([1L], SequenceNrs(Replay(pid).Events));
    }

    [Fact]
    public void Append_fails_when_another_writer_already_wrote_that_sequence_number()
    {
        var pid = NewPersistenceId("fence");
        WriteStored(pid, 1, 5);
        var staleWriter = Guid.NewGuid().ToString();

        var replies = Write(Atomically(Event(pid, 5, "stale", writerGuid: staleWriter)));

        var failed = Assert.IsType<WriteMessagesFailed>(replies[0]);
        var conflict = Assert.IsType<ConcurrentWriteException>(failed.Cause);
        Assert.Equal((4L, 5L), (conflict.ExpectedHighestSequenceNr, conflict.StoredHighestSequenceNr));
        Assert.IsType<WriteMessageFailure>(replies[1]);
        var fifth = Replay(pid).Events.Single(e => e.SequenceNr == 5);
        Assert.Equal(("e-5", WriterGuid), ((string)fifth.Payload, fifth.WriterGuid));
    }

    [Fact]
    public void Append_that_would_leave_a_gap_is_rejected_as_storage_lost_and_stores_nothing()
    {
        // The writer knows it stored up to 3; the storage holds only up to 2: that is lost history, not a rival writer
        // (a rival only ever moves the highest forward). StorageLossSpecs covers what follows for the node.
        var pid = NewPersistenceId("gap");
        WriteStored(pid, 1, 2);

        var replies = Write(Atomically(Event(pid, 4)));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.IsType<StorageLostException>(Assert.IsType<WriteMessageRejected>(replies[1]).Cause);
    }

    [Fact]
    public void A_fenced_off_atomic_write_stores_none_of_its_events()
    {
        var pid = NewPersistenceId("fence-batch");
        WriteStored(pid, 1, 3);

        var replies = Write(Atomically(Event(pid, 3, "x"), Event(pid, 4, "y"), Event(pid, 5, "z")));

        Assert.IsType<WriteMessagesFailed>(replies[0]);
        var (events, highest) = Replay(pid);
        Assert.Equal(["e-1", "e-2", "e-3"], events.Select(e => (string)e.Payload));
        Assert.Equal(3, highest);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class JournalWriteOnOneServerSpecs(SharedRedisFixture redis, ITestOutputHelper output) : JournalWriteSpecs(redis.Server.ConnectionString, output);

[Collection(SharedRedisClusterCollection.Name)]
public sealed class JournalWriteOnClusterSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output) : JournalWriteSpecs(cluster.ConnectionString, output);
