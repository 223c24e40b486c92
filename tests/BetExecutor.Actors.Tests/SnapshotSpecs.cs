using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using BetExecutor.Actors.Accounts;

namespace BetExecutor.Actors.Tests;

/// <summary>An identity's history grows forever; its recovery must not.</summary>
public sealed class SnapshotSpecs : ActorSpecBase
{
    [Fact]
    public async Task Recovery_replays_only_the_events_since_the_last_snapshot_and_restores_the_whole_state()
    {
        var account = StartAccount(Alice);
        await account.Ask<OperatorAnswer>(new HaltIdentity(Alice, "maintenance", "ops"), TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 250; i++) await SendAsync(account, SignalFor(Alice, $"s-{i}")); // 250 denials: 251 events
        await account.GracefulStop(TimeSpan.FromSeconds(10));

        var replayed = new CountingInterceptor();
        await Journal.OnRecovery.SetInterceptorAsync(replayed);
        var recovered = StartAccount(Alice);
        var status = await recovered.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        Assert.Equal(51, replayed.Count); // events 201–251 after the snapshot at 200
        Assert.Equal(250, status.SignalsSeen);
        Assert.Equal("maintenance", status.Halt?.Reason);
    }

    private sealed class CountingInterceptor : IJournalInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task InterceptAsync(IPersistentRepresentation message)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
