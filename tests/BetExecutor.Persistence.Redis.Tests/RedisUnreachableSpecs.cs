using Akka.Actor;
using Akka.Pattern;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>No Redis at all on the configured port: the plugin must fail closed, and fast.</summary>
public sealed class RedisUnreachableSpecs(ITestOutputHelper output)
    : JournalProbeKit(TestConfig.For($"127.0.0.1:{RedisServerProcess.FreeLoopbackPort()},connectTimeout=1000",
        circuitBreaker: "circuit-breaker { max-failures = 2, call-timeout = 20s, reset-timeout = 60s }"), output)
{
    [Fact]
    public void Write_fails_promptly_instead_of_waiting_for_redis()
    {
        var pid = NewPersistenceId("unreachable");
        var started = DateTime.UtcNow;

        var replies = Write(Atomically(Event(pid, 1)));

        Assert.IsType<WriteMessagesFailed>(replies[0]);
        Assert.IsType<WriteMessageFailure>(replies[1]);
        // Well inside the 20s call-timeout configured above: the failure came from the client failing
        // fast, not from the breaker giving up on a hung call.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public void A_persistent_actor_fails_its_recovery_and_stops_when_redis_is_unreachable()
    {
        var observer = CreateTestProbe();
        var ledger = Sys.ActorOf(LedgerActor.Props(NewPersistenceId("unreachable-actor"), observer.Ref));
        Watch(ledger);

        ledger.Tell(new Append("never stored"));

        observer.ExpectMsg<RecoveryFailed>(Patience);
        ExpectTerminated(ledger, Patience);
    }

    [Fact]
    public void Circuit_breaker_opens_after_max_failures_and_rejects_further_writes_at_once()
    {
        var pid = NewPersistenceId("breaker");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var failed = Assert.IsType<WriteMessagesFailed>(Write(Atomically(Event(pid, 1)))[0]);
            Assert.IsNotType<OpenCircuitException>(failed.Cause);
        }

        var third = Assert.IsType<WriteMessagesFailed>(Write(Atomically(Event(pid, 1)))[0]);

        Assert.IsType<OpenCircuitException>(third.Cause);
    }
}
