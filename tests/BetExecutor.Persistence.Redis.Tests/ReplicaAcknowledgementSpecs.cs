using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// wait-for-replicas on a real primary and replica: an append or a snapshot is acknowledged only once the replica has
/// it, and a replica that does not answer (SIGSTOP) makes the write fail, so the actor stops instead of going on.
/// </summary>
public sealed class ReplicaAcknowledgementSpecs : JournalProbeKit, IAsyncLifetime
{
    private readonly RedisReplicatedPair _pair;

    public ReplicaAcknowledgementSpecs(ITestOutputHelper output) : this(RedisReplicatedPair.StartNewAsync().GetAwaiter().GetResult(), output)
    {
    }

    private ReplicaAcknowledgementSpecs(RedisReplicatedPair pair, ITestOutputHelper output)
        // Generous: WAIT answers as soon as the replica confirms; the timeout only bounds the stalled case on a busy machine.
        : base(TestConfig.For(pair.Primary.ConnectionString, pluginSettings: "wait-for-replicas = 1\nwait-timeout = 1s"), output)
    {
        _pair = pair;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_pair.Replica.IsRunning) _pair.Replica.Resume();
        await _pair.DisposeAsync();
    }

    private async Task<long> EventsOnReplicaAsync(string persistenceId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_pair.Replica.ConnectionString);
        return await connection.GetDatabase().SortedSetLengthAsync(new RedisKeys("test:").Events(persistenceId));
    }

    [Fact]
    public async Task An_acknowledged_append_is_already_on_the_replica()
    {
        var pid = NewPersistenceId("acked");
        var ledger = Sys.ActorOf(LedgerActor.Props(pid, TestActor));

        for (var i = 1; i <= 5; i++)
        {
            ledger.Tell(new Append($"e-{i}"));
            ExpectMsg<Appended>(m => m.SequenceNr == i);
            // No polling: WAIT returned only after the replica confirmed it had applied the write.
            Assert.Equal(i, await EventsOnReplicaAsync(pid));
        }
    }

    [Fact]
    public async Task With_the_replica_stalled_the_append_fails_and_the_actor_stops_then_a_new_incarnation_goes_on_once_it_is_back()
    {
        var pid = NewPersistenceId("stalled");
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        ledger.Tell(new Append("before"));
        ExpectMsg<Appended>();
        Watch(ledger);

        _pair.Replica.Pause();
        ledger.Tell(new Append("unconfirmed"));

        var failed = observer.ExpectMsg<PersistFailed>(Patience);
        var cause = Assert.IsType<ReplicaAcknowledgementException>(failed.Cause);
        Assert.Equal((0L, 1), (cause.Acknowledged, cause.Required));
        ExpectTerminated(ledger, Patience);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // never an Appended for it

        _pair.Replica.Resume();
        await _pair.WaitUntilReplicaInSyncAsync();
        var again = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        again.Tell(new Append("after"));
        var appended = ExpectMsg<Appended>(Patience);
        again.Tell(new GetEntries());
        // The unconfirmed event reached the primary: recovery reads it, as after any write whose outcome was unknown.
        Assert.Equal(["before", "unconfirmed", "after"], ExpectMsg<Entries>().Items);
        Assert.Equal(3, appended.SequenceNr);
    }

    [Fact]
    public void With_the_replica_stalled_a_snapshot_save_is_reported_failed()
    {
        var pid = NewPersistenceId("snapshot");
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        ledger.Tell(new Append("e-1"));
        ExpectMsg<Appended>();
        ledger.Tell(new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);

        _pair.Replica.Pause();
        ledger.Tell(new TakeSnapshot());
        var failure = observer.ExpectMsg<SaveSnapshotFailure>(Patience);
        _pair.Replica.Resume();

        Assert.IsType<ReplicaAcknowledgementException>(failure.Cause);
    }

    [Fact]
    public void Waiting_for_more_replicas_than_exist_fails_every_append()
    {
        using var system = ActorSystem.Create("two-replicas", TestConfig.For(_pair.Primary.ConnectionString, pluginSettings: "wait-for-replicas = 2\nwait-timeout = 200ms"));
        var observer = CreateTestProbe(system);
        var ledger = system.ActorOf(LedgerActor.Props(NewPersistenceId("two"), observer.Ref));

        ledger.Tell(new Append("x"), observer.Ref);

        var cause = Assert.IsType<ReplicaAcknowledgementException>(observer.ExpectMsg<PersistFailed>(Patience).Cause);
        // The one replica may not have confirmed within the 200 ms on a busy machine: whatever it confirmed, one
        // replica is fewer than the two asked for, and the append failed.
        Assert.Equal(2, cause.Required);
        Assert.InRange(cause.Acknowledged, 0L, 1L);
    }
}
