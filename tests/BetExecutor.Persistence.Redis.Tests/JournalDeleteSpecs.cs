using Akka.Persistence;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>Delete-to semantics and the highest sequence number afterwards (TCK JournalSpec).</summary>
public abstract class JournalDeleteSpecs : JournalProbeKit
{
    private readonly string _pid = NewPersistenceId("delete");

    protected JournalDeleteSpecs(string connectionString, ITestOutputHelper output)
        : base(TestConfig.For(connectionString), output)
    {
        WriteStored(_pid, 1, 5);
    }

    [Fact]
    public void Deleted_events_are_not_replayed_and_the_delete_is_published()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published.Ref, typeof(DeleteMessagesTo));

        DeleteTo(_pid, 3);

        published.ExpectMsg<DeleteMessagesTo>(m => m.PersistenceId == _pid && m.ToSequenceNr == 3, Patience);
        Assert.Equal([4L, 5], SequenceNrs(Replay(_pid).Events));
    }

    [Fact]
    public void Highest_sequence_number_is_kept_after_deleting_a_prefix()
    {
        DeleteTo(_pid, 3);
        Assert.Equal(5, Replay(_pid, 0).Highest);
    }

    [Fact]
    public void Highest_sequence_number_is_kept_after_deleting_every_event()
    {
        DeleteTo(_pid, long.MaxValue);

        var (events, highest) = Replay(_pid, 0);
        Assert.Empty(events);
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Writer_continues_after_its_whole_history_was_deleted()
    {
        DeleteTo(_pid, long.MaxValue);

        WriteStored(_pid, 6, 7);

        var (events, highest) = Replay(_pid);
        Assert.Equal([6L, 7], SequenceNrs(events));
        Assert.Equal(7, highest);
    }

    [Fact]
    public void Sequence_numbers_below_the_highest_cannot_be_rewritten_after_a_delete()
    {
        DeleteTo(_pid, 5);

        var replies = Write(Atomically(Event(_pid, 3, "rewrite")));

        Assert.IsType<WriteMessagesFailed>(replies[0]);
        Assert.Empty(Replay(_pid).Events);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class JournalDeleteOnOneServerSpecs(SharedRedisFixture redis, ITestOutputHelper output) : JournalDeleteSpecs(redis.Server.ConnectionString, output);

[Collection(SharedRedisClusterCollection.Name)]
public sealed class JournalDeleteOnClusterSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output) : JournalDeleteSpecs(cluster.ConnectionString, output);
