using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Journal;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>A redis-server of its own (append-only file, fsync always) that the test kills and restarts.</summary>
public sealed class DurableRedisFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartNewAsync(durable: true);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class RedisRestartSpecs(DurableRedisFixture redis, ITestOutputHelper output)
    : JournalProbeKit(TestConfig.For(redis.Server.ConnectionString,
        // Short reset so the journal's breaker, opened while Redis was down, does not outlast the restart.
        circuitBreaker: "circuit-breaker { max-failures = 3, call-timeout = 5s, reset-timeout = 300ms }"), output),
      IClassFixture<DurableRedisFixture>
{
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Writes_fail_while_redis_is_down_and_succeed_after_it_is_back_without_losing_acknowledged_events()
    {
        var pid = NewPersistenceId("restart");
        WriteStored(pid, 1, 3);
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(NewPersistenceId("restart-actor"), observer.Ref));
        ledger.Tell(new Append("before"));
        ExpectMsg<Appended>(m => m.SequenceNr == 1, Patience);
        Watch(ledger);

        await redis.Server.StopAsync();

        var whileDown = Write(Atomically(Event(pid, 4, "while-down")));
        Assert.IsType<WriteMessagesFailed>(whileDown[0]);
        ledger.Tell(new Append("while-down"));
        Assert.Equal("while-down", observer.ExpectMsg<PersistFailed>(Patience).Entry);
        ExpectTerminated(ledger, Patience);

        await redis.Server.StartAsync();

        await WriteUntilStoredAsync(Atomically(Event(pid, 4, "after")));
        var (events, highest) = Replay(pid);
        Assert.Equal(["e-1", "e-2", "e-3", "after"], events.Select(e => (string)e.Payload));
        Assert.Equal(4, highest);
    }

    [Fact]
    public async Task A_persistent_actor_stopped_by_the_outage_recovers_its_acknowledged_events_afterwards()
    {
        var pid = NewPersistenceId("restart-recover");
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        ledger.Tell(new Append("one"));
        ledger.Tell(new Append("two"));
        ReceiveN(2, Patience);

        await redis.Server.StopAsync();
        await redis.Server.StartAsync();
        await WriteUntilStoredAsync(Atomically(Event(NewPersistenceId("probe"), 1)));

        var again = Sys.ActorOf(LedgerActor.Props(pid, observer.Ref));
        again.Tell(new Append("three"));
        ExpectMsg<Appended>(m => m.SequenceNr == 3, Patience);
        Assert.Equal(["one", "two", "three"], Replay(pid).Events.Select(e => (string)e.Payload));
    }

    /// <summary>
    /// Retries one write until the journal's connection is back, as a supervisor restarting a
    /// stopped actor would. A fence conflict would mean an earlier "failed" attempt was stored after
    /// all, which must not happen while the server is down, so it ends the test.
    /// </summary>
    private async Task WriteUntilStoredAsync(AtomicWrite write)
    {
        var deadline = DateTime.UtcNow + ReconnectDeadline;
        while (true)
        {
            var replies = Write(write);
            if (replies[0] is WriteMessagesSuccessful) return;
            var failed = Assert.IsType<WriteMessagesFailed>(replies[0]);
            Assert.IsNotType<ConcurrentWriteException>(failed.Cause);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"journal still failing {ReconnectDeadline} after Redis restarted: {failed.Cause}");
            await Task.Delay(100);
        }
    }
}
