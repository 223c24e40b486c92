using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Journal;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Two incarnations of one persistent actor on two nodes (two actor systems, two Redis
/// connections), as after a split brain or a shard handed over too early: the stale one must stop.
/// </summary>
public abstract class ConcurrentWriterSpecs : JournalProbeKit, IAsyncLifetime
{
    private readonly ActorSystem _otherNode;

    protected ConcurrentWriterSpecs(string connectionString, ITestOutputHelper output)
        : base(TestConfig.For(connectionString), output)
    {
        _otherNode = ActorSystem.Create("other-node", TestConfig.For(connectionString));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _otherNode.Terminate();

    [Fact]
    public void Second_incarnation_persist_fails_and_it_stops_without_interleaving_events()
    {
        var pid = NewPersistenceId("account");
        var observer = CreateTestProbe();

        var first = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref), "first");
        first.Tell(new Append("a-1"));
        ExpectMsg<Appended>(m => m.SequenceNr == 1);

        // Both incarnations have recovered to sequence number 1 before either writes again.
        var second = _otherNode.ActorOf(LedgerActor.Props(pid, observer.Ref), "second");
        second.Tell(new GetEntries());
        ExpectMsg<Entries>(e => e.LastSequenceNr == 1);
        Watch(second);

        first.Tell(new Append("a-2"));
        ExpectMsg<Appended>(m => m.SequenceNr == 2);

        second.Tell(new Append("b-2"));
        var failure = observer.ExpectMsg<PersistFailed>(Patience);
        Assert.Equal("b-2", failure.Entry);
        Assert.IsType<ConcurrentWriteException>(failure.Cause);
        ExpectTerminated(second, Patience);

        first.Tell(new Append("a-3"));
        ExpectMsg<Appended>(m => m.SequenceNr == 3);

        var (events, highest) = Replay(pid);
        Assert.Equal(["a-1", "a-2", "a-3"], events.Select(e => (string)e.Payload));
        Assert.Single(events.Select(e => e.WriterGuid).Distinct());
        Assert.Equal(3, highest);
    }

    [Fact]
    public void Incarnation_that_lost_the_race_with_PersistAsync_also_stops()
    {
        var pid = NewPersistenceId("account-async");
        var observer = CreateTestProbe();

        var first = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref), "first-async");
        var second = _otherNode.ActorOf(LedgerActor.Props(pid, observer.Ref), "second-async");
        first.Tell(new GetEntries());
        ExpectMsg<Entries>(e => e.LastSequenceNr == 0);
        second.Tell(new GetEntries());
        ExpectMsg<Entries>(e => e.LastSequenceNr == 0);
        Watch(second);

        first.Tell(new AppendAsync("a-1"));
        ExpectMsg<Appended>(m => m.SequenceNr == 1);
        second.Tell(new AppendAsync("b-1"));

        Assert.IsType<ConcurrentWriteException>(observer.ExpectMsg<PersistFailed>(Patience).Cause);
        ExpectTerminated(second, Patience);
        Assert.Equal(["a-1"], Replay(pid).Events.Select(e => (string)e.Payload));
    }

    [Fact]
    public void A_restarted_incarnation_recovers_everything_the_first_one_wrote_and_carries_on()
    {
        var pid = NewPersistenceId("recover");
        var observer = CreateTestProbe();
        var first = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        foreach (var entry in new[] { "x", "y", "z" })
        {
            first.Tell(new Append(entry));
            ExpectMsg<Appended>();
        }
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var again = _otherNode.ActorOf(LedgerActor.Props(pid, observer.Ref));
        again.Tell(new Append("w"));
        ExpectMsg<Appended>(m => m.SequenceNr == 4);
        again.Tell(new GetEntries());
        Assert.Equal(["x", "y", "z", "w"], ExpectMsg<Entries>().Items);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class ConcurrentWriterOnOneServerSpecs(SharedRedisFixture redis, ITestOutputHelper output) : ConcurrentWriterSpecs(redis.Server.ConnectionString, output);

[Collection(SharedRedisClusterCollection.Name)]
public sealed class ConcurrentWriterOnClusterSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output) : ConcurrentWriterSpecs(cluster.ConnectionString, output);
