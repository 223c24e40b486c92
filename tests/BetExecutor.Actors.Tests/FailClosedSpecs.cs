using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;

namespace BetExecutor.Actors.Tests;

/// <summary>docs/architecture.md §6: if storage fails, the executor fails closed — no bet whose intent could not be persisted.</summary>
public sealed class FailClosedSpecs : ActorSpecBase
{
    [Fact]
    public async Task A_failed_write_is_answered_unknown_never_a_refusal_and_a_retry_with_the_same_id_hears_the_truth()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        var account = StartAccount(Alice);
        await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10)); // recovered

        await Journal.OnWrite.Fail();
        var answer = await SendAsync(account, signal);

        // A failed write (a timeout, a connection lost mid-write) may have reached storage: never "nothing was placed".
        Assert.Equal(SignalAnswerKind.Unknown, answer.Kind);
        Assert.Contains("same signalId", answer.Detail);
        Assert.Empty(Venue.AllAttempts());

        // The test journal stored nothing; the account (stopped by Akka on the failure) starts again and decides afresh.
        await Journal.OnWrite.Pass();
        var retry = await SendAsync(StartAccount(Alice), signal);
        Assert.Equal(SignalAnswerKind.Executed, retry.Kind);
        Assert.Single(Venue.AllAttempts(), a => a.Request.ClientReference.Value.EndsWith("-p"));
    }

    [Fact]
    public async Task Pair_sends_nothing_when_its_positive_intent_cannot_be_stored()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        var account = StartAccount(Alice);
        await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        // The account's acceptance is stored; every write of the pair's own journal fails.
        await Journal.OnWrite.SetInterceptorAsync(new FailWritesOf("pair/"));
        var answer = await SendAsync(account, signal);
        await Clock.AdvanceToAsync(Start.AddMinutes(5), TimeSpan.FromSeconds(10));

        // Executed is answered only once the pair has recorded its positive intent; it never did.
        Assert.Equal(SignalAnswerKind.Unknown, answer.Kind);
        Assert.Empty(Venue.AllAttempts());
    }

    [Fact]
    public async Task Only_one_of_many_simultaneous_signals_for_one_identity_executes()
    {
        var account = StartAccount(Alice);
        var signals = Enumerable.Range(1, 25).Select(i => SignalFor(Alice, $"s-{i}")).ToList();
        foreach (var signal in signals) Script(signal, "accept", "accept");

        var answers = await Task.WhenAll(signals.Select(s => account.Ask<SignalAnswer>(new ExecuteSignal(s), TimeSpan.FromSeconds(20))));
        await Clock.WaitUntilIdleAsync(TimeSpan.FromSeconds(10));

        Assert.Single(answers, a => a.Kind == SignalAnswerKind.Executed);
        Assert.All(answers.Where(a => a.Kind != SignalAnswerKind.Executed), a => Assert.Equal(DenialReason.Cooldown, a.Reason));
        Assert.Single(Venue.AllAttempts(), a => a.Request.ClientReference.Value.EndsWith("-p"));
    }

    private sealed class FailWritesOf(string persistenceIdPrefix) : Akka.Persistence.TestKit.IJournalInterceptor
    {
        public Task InterceptAsync(Akka.Persistence.IPersistentRepresentation message) =>
            message.PersistenceId.StartsWith(persistenceIdPrefix, StringComparison.Ordinal)
                ? throw new IOException($"injected write failure for {message.PersistenceId}")
                : Task.CompletedTask;
    }
}
