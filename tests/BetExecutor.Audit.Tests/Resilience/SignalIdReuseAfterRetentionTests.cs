using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Pairs;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>
/// The signal-id window and Redis retention together, on a real node and a real redis-server: both forget, so a signal
/// id can come back with no trace of its old pair. The old pair here ended exposed (its hedge refused) and an operator
/// resolved it "hedged by hand": under the pair id's references alone the new positive would be answered with the old
/// bet and a hedge placed against it. With per-acceptance references the new signal places a new positive and hedges
/// that, and nothing more is sent under the old pair's references.
/// </summary>
public sealed class SignalIdReuseAfterRetentionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly Identity Liam = Account("liam");

    [Fact]
    public async Task An_id_reused_after_both_forgot_it_places_and_hedges_new_bets_never_reaching_the_old_pairs()
    {
        await using var rig = await RetentionRig.StartAsync(s => s with { Account = s.Account with { SignalIdWindow = Window } }, sweepInterval: "200ms");
        var executor = rig.Executor;
        Assert.True(executor.Node.ReferencePerAcceptance);

        // The old pair: its positive taken, its hedge refused for good; resolved by an operator who hedged by hand.
        var old = For(Liam, "s-1");
        var oldAcceptedAt = executor.AcceptedNow();
        Assert.Equal(SignalAnswerKind.Executed, (await executor.SendAsync(old, Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending))).Kind);
        await executor.RunUntilQuietAsync();
        Assert.IsType<OperatorAnswer.Done>(await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand", "ops-anna"));
        var oldPositive = Assert.Single(executor.Venue.Held(PositiveRef(old, oldAcceptedAt)));
        Assert.Single(executor.Venue.Attempts(HedgeRef(old, oldAcceptedAt)));

        // Retention forgets the closed pair (events archived, then snapshot and sequence number deleted); past the
        // window, the account's next decision forgets the id.
        await ForgottenAsync(rig, BetPairActor.PersistenceIdFor(Liam, "s-1"));
        await executor.AdvanceByAsync(Window * 2);
        var denied = await executor.ExecuteAsync(For(Liam, "s-2", kickOff: Start));
        Assert.Equal(DenialReason.EventStarted, denied.Reason);

        // The same id, a new signal for a later match.
        var again = For(Liam, "s-1", kickOff: executor.Clock.UtcNow.AddHours(6));
        var newAcceptedAt = executor.AcceptedNow();
        var answer = await executor.SendAsync(again, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.NotEqual(PositiveRef(old, oldAcceptedAt), PositiveRef(again, newAcceptedAt));
        var newPositive = Assert.Single(executor.Venue.Held(PositiveRef(again, newAcceptedAt)));
        var newHedge = Assert.Single(executor.Venue.Held(HedgeRef(again, newAcceptedAt)));
        Assert.NotEqual(oldPositive.BetId, newPositive.BetId);
        // Nothing more under the old pair's references: one positive, the one refused hedge, no hedge held.
        Assert.Single(executor.Venue.Attempts(PositiveRef(old, oldAcceptedAt)));
        Assert.Single(executor.Venue.Attempts(HedgeRef(old, oldAcceptedAt)));
        Assert.Empty(executor.Venue.Held(HedgeRef(old, oldAcceptedAt)));
        Assert.Equal(Hedger, newHedge.Account);
        // The new pair settled (the last outcome heard for the id), and the old resolved exposure is all there is.
        Assert.IsType<PairOutcome.Settled>(executor.Observer.OutcomeOf(Liam, "s-1"));
        var status = await executor.StatusAsync(Liam);
        Assert.Empty(status.PairsInFlight);
        Assert.NotNull(Assert.Single(status.Exposures).ResolvedAt);
    }

    /// <summary>Waits (bounded, real time: the sweep runs on the node's scheduler) until retention forgot the id.</summary>
    private static async Task ForgottenAsync(RetentionRig rig, string persistenceId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await rig.HighestAsync(persistenceId) == 0 && await rig.StoredAsync(persistenceId) == 0
                && !await rig.Connection.GetDatabase().KeyExistsAsync(rig.Keys.SnapshotIndex(persistenceId)))
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{persistenceId}: retention did not forget it in 30 s");
    }
}
