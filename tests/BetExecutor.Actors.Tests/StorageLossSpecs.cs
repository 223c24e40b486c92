using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 8 item 3 with a real ActorSystem: a write the journal refuses (what the Redis journal does once the storage
/// lost its history) halts the identity in memory, keeps its cooldown and seen ids, and turns every pair in flight
/// into a storage-lost exposure after looking its legs up; the account is never restarted from an empty journal.
/// </summary>
public sealed class StorageLossSpecs : ActorSpecBase
{
    [Fact]
    public async Task A_refused_write_halts_the_identity_raises_a_storage_lost_exposure_for_the_pair_in_flight_and_keeps_its_memory()
    {
        var first = SignalFor(Alice, "s-1");
        Script(first, "accept", "accept");
        var account = StartAccount(Alice);
        var executed = await SendAsync(account, first);
        Assert.Equal(SignalAnswerKind.Executed, executed.Kind);

        // The pair settles in hours; meanwhile its next write (a settlement poll) or the account's is refused.
        await Journal.OnWrite.Reject();
        var second = SignalFor(Alice, "s-2");
        Script(second, "accept", "accept");
        var refused = await SendAsync(account, second);

        Assert.Equal(SignalAnswerKind.Rejected, refused.Kind);
        Assert.Equal(DenialReason.StorageLost, refused.Reason);
        var status = await UntilAsync(account, s => s.Exposures.Count == 1);
        Assert.Equal(AccountState.StorageGuard, status.Halt?.By);
        Assert.Equal(executed.CooldownUntil, status.CooldownUntil);
        var exposure = Assert.Single(status.Exposures);
        Assert.Equal((ExposureReason.StorageLost, "s-1"), (exposure.Reason, exposure.PairId));
        // Both legs were placed before the loss, and the lookups found them.
        Assert.NotNull(exposure.Positive.BetId);
        Assert.NotNull(exposure.Hedge.BetId);

        // Memory answers: the first signal is a duplicate of an executed one, the second one places nothing.
        var repeat = await SendAsync(account, first);
        Assert.Equal(SignalAnswerKind.Duplicate, repeat.Kind);
        Assert.True(repeat.First?.Accepted);
        Assert.DoesNotContain(Venue.AllAttempts(), a => a.Request.ClientReference.Value.Contains("s-2"));

        // An operator cannot resume it here: the storage must be adopted first.
        var resume = await account.Ask<OperatorAnswer>(new ResumeIdentity(Alice, "looks fine", "ops"), TimeSpan.FromSeconds(10));
        Assert.IsType<OperatorAnswer.Refused>(resume);
    }

    [Fact]
    public async Task Once_storage_is_lost_an_account_started_afterwards_reads_nothing_and_refuses_every_signal()
    {
        var alice = StartAccount(Alice);
        await Journal.OnWrite.Reject();
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        Assert.Equal(DenialReason.StorageLost, (await SendAsync(alice, signal)).Reason);

        var bob = StartAccount(Bob);
        var bobs = SignalFor(Bob, "b-1");
        Script(bobs, "accept", "accept");
        var answer = await SendAsync(bob, bobs);

        Assert.Equal(DenialReason.StorageLost, answer.Reason);
        Assert.Empty(Venue.AllAttempts());
    }

    private static readonly Domain.Identities.Identity Bob = Domain.Identities.Identity.Create("bookie", "brand1", "bob");

    /// <summary>The account's status once <paramref name="done"/> holds (the venue lookups it waits for answer in real time).</summary>
    private async Task<AccountStatus> UntilAsync(IActorRef account, Func<AccountStatus, bool> done)
    {
        AccountStatus? status = null;
        await AwaitAssertAsync(async () =>
        {
            status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
            Assert.True(done(status), $"not yet: in flight {string.Join(", ", status.PairsInFlight)}, exposures {status.Exposures.Count}");
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        return status!;
    }
}
