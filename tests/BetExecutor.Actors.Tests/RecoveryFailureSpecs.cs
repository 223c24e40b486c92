using System.Text.Json;
using Akka;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 8, item 7: a history that cannot be replayed halts only its identity, with an alarm and a clear state,
/// instead of failing every recovery (the identity could never take a command again, and no one was answered).
/// </summary>
public sealed class RecoveryFailureSpecs : ActorSpecBase
{
    private static readonly Akka.Persistence.TestKit.IJournalInterceptor Pass = new CountingInterceptor(_ => false);

    private async Task WriteAsync(string persistenceId, params object[] events)
    {
        var writer = Sys.ActorOf(Props.Create(() => new EventWriter(persistenceId)));
        foreach (var e in events) await writer.Ask<Done>(e, TimeSpan.FromSeconds(10));
        await writer.GracefulStop(TimeSpan.FromSeconds(5));
    }

    private static EventMeta Meta(string? pairId = null) => new(Start, Alice.Key, pairId, "old-node", "inc-0");

    /// <summary>A history whose second event throws when applied: the resolution of an exposure that was never opened.</summary>
    private async Task WritePoisonedHistoryAsync()
    {
        await WriteAsync(AccountActor.PersistenceIdFor(Alice),
            new SignalDenied("s-0", DenialReason.Cooldown, "cooldown") { Meta = Meta() },
            new ExposureResolved("never-exposed", "checked", "ops") { Meta = Meta("never-exposed") });
    }

    [Fact]
    public async Task An_event_that_cannot_be_applied_halts_the_identity_which_refuses_signals_with_the_reason()
    {
        await WritePoisonedHistoryAsync();
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        var account = StartAccount(Alice);

        var answer = await SendAsync(account, signal);

        Assert.Equal(SignalAnswerKind.Rejected, answer.Kind);
        Assert.Equal(DenialReason.RecoveryFailed, answer.Reason);
        Assert.Contains("event #2 (ExposureResolved)", answer.Detail);
        Assert.Empty(Venue.AllAttempts());
    }

    [Fact]
    public async Task A_halted_identity_shows_why_in_its_status_and_refuses_operator_changes()
    {
        await WritePoisonedHistoryAsync();
        var account = StartAccount(Alice);

        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        var resume = await account.Ask<OperatorAnswer>(new ResumeIdentity(Alice, "try", "ops"), TimeSpan.FromSeconds(10));

        Assert.NotNull(status.Halt);
        Assert.StartsWith("recovery-failed: its history could not be replayed at event #2", status.Halt!.Reason);
        Assert.Equal("recovery", status.Halt.By);
        Assert.IsType<OperatorAnswer.Refused>(resume);
    }

    [Fact]
    public async Task The_poisoned_history_is_replayed_once_not_again_for_every_command()
    {
        await WritePoisonedHistoryAsync();
        var replays = new CountingInterceptor(_ => false);
        await Journal.OnRecovery.SetInterceptorAsync(replays);
        var account = StartAccount(Alice);

        for (var i = 0; i < 5; i++)
            Assert.Equal(DenialReason.RecoveryFailed, (await SendAsync(account, SignalFor(Alice, $"s-{i + 1}"))).Reason);

        Assert.Equal(2, replays.Count); // the two events, once
    }

    [Fact]
    public async Task Another_identity_is_not_affected()
    {
        await WritePoisonedHistoryAsync();
        StartAccount(Alice);
        var bob = Domain.Identities.Identity.Create("bookie", "brand1", "bob");
        var signal = SignalFor(bob, "s-1");
        Script(signal, "accept", "accept");

        var answer = await SendAsync(StartAccount(bob), signal);

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
    }

    [Fact]
    public async Task A_history_the_journal_cannot_read_back_halts_the_identity_from_its_next_start_instead_of_failing_each_time()
    {
        await WriteAsync(AccountActor.PersistenceIdFor(Alice), new SignalDenied("s-0", DenialReason.Cooldown, "cooldown") { Meta = Meta() });
        var unreadable = new CountingInterceptor(_ => throw new JsonException("'{' is invalid after a value"));
        await Journal.OnRecovery.SetInterceptorAsync(unreadable);
        var first = StartAccount(Alice);
        Watch(first);
        first.Tell(new GetAccountStatus(Alice));
        ExpectTerminated(first); // Akka stops an actor whose recovery fails

        var again = StartAccount(Alice);
        var answer = await SendAsync(again, SignalFor(Alice, "s-1"));
        var status = await again.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        Assert.Equal(DenialReason.RecoveryFailed, answer.Reason);
        Assert.Contains("is invalid after a value", answer.Detail);
        Assert.NotNull(status.Halt);
        Assert.Equal(1, unreadable.Count); // the second start did not replay into the same failure
    }

    [Fact]
    public async Task Storage_trouble_during_recovery_is_not_a_poisoned_history_and_is_retried()
    {
        await WriteAsync(AccountActor.PersistenceIdFor(Alice), new SignalDenied("s-0", DenialReason.Cooldown, "cooldown") { Meta = Meta() });
        await Journal.OnRecovery.SetInterceptorAsync(new CountingInterceptor(_ => throw new TimeoutException("redis timed out")));
        var first = StartAccount(Alice);
        Watch(first);
        first.Tell(new GetAccountStatus(Alice));
        ExpectTerminated(first);
        await Journal.OnRecovery.SetInterceptorAsync(Pass);

        var status = await StartAccount(Alice).Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        Assert.Null(status.Halt);
        Assert.Equal(1, status.SignalsSeen);
    }

    /// <summary>Counts replayed events and throws (or passes) as told.</summary>
    private sealed class CountingInterceptor(Func<IPersistentRepresentation, bool> fail) : Akka.Persistence.TestKit.IJournalInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task InterceptAsync(IPersistentRepresentation message)
        {
            Interlocked.Increment(ref _count);
            fail(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Persists whatever it is sent under a given persistence id: the journal as another node left it.</summary>
    private sealed class EventWriter : ReceivePersistentActor
    {
        public EventWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object>(e => Persist(e, _ => Sender.Tell(Done.Instance)));
        }

        public override string PersistenceId { get; }
    }
}
