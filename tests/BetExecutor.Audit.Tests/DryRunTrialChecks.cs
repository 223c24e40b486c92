using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests;

/// <summary>Audit category 1, dry-run trial (6 checks): bet execution safety against the venue simulator.</summary>
public sealed class DryRunTrialChecks
{
    [Fact]
    public async Task Positive_leg_is_placed_before_the_hedge()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");

        await executor.SendAsync(signal, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        var attempts = executor.Venue.AllAttempts().Select(a => a.Request.ClientReference).ToList();
        Assert.Equal([PositiveRef(signal), HedgeRef(signal)], attempts);
        Assert.True(executor.Venue.Held(PositiveRef(signal)).Single().PlacedAt <= executor.Venue.Held(HedgeRef(signal)).Single().PlacedAt);
    }

    [Fact]
    public async Task Hedge_is_blocked_when_the_positive_is_rejected()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");

        var answer = await executor.SendAsync(signal, Leg("reject:INSUFFICIENT_FUNDS", SettlementState.Pending), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.Empty(executor.Venue.Attempts(HedgeRef(signal)));
        Assert.Empty(executor.Venue.Held(PositiveRef(signal)));
        var outcome = executor.Observer.OutcomeOf(signal.Identity, signal.PairId)!;
        var nothing = Assert.IsType<PairOutcome.NothingStands>(outcome);
        Assert.Equal((NothingStandsReason.PositiveRejectedPermanently, "INSUFFICIENT_FUNDS"), (nothing.Reason, nothing.Detail));
    }

    [Fact]
    public async Task Accepted_outcome_runs_the_pair_to_settlement()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");

        await executor.SendAsync(signal, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        Assert.IsType<PairOutcome.Settled>(executor.Observer.OutcomeOf(signal.Identity, signal.PairId));
        Assert.Single(executor.Venue.Held(PositiveRef(signal)));
        Assert.Single(executor.Venue.Held(HedgeRef(signal)));
        Assert.Empty((await executor.StatusAsync(signal.Identity)).PairsInFlight);
    }

    [Fact]
    public async Task Error_outcome_is_resolved_by_lookup_and_never_sent_again()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");

        await executor.SendAsync(signal, Leg("error", SettlementState.Pending), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        Assert.Single(executor.Venue.Attempts(PositiveRef(signal)));
        Assert.Empty(executor.Venue.Attempts(HedgeRef(signal)));
        var outcome = executor.Observer.OutcomeOf(signal.Identity, signal.PairId)!;
        Assert.Equal("not-found-after-window", Assert.IsType<PairOutcome.NothingStands>(outcome).Reason.Code());
    }

    [Fact]
    public async Task Hedge_is_sized_from_the_stake_and_odds_the_positive_was_accepted_at()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1", stake: 50m, odds: 2.10m, hedgeOdds: 2.05m);

        await executor.SendAsync(signal, Leg("accept-at:2.00", SettlementState.Lost), Leg("accept", SettlementState.Won));
        await executor.RunUntilQuietAsync();

        var hedge = executor.Venue.Held(HedgeRef(signal)).Single();
        Assert.Equal(48.78m, hedge.Stake); // 50 × 2.00 ÷ 2.05 = 48.780…, to the cent; not 50 × 2.10 ÷ 2.05 = 51.22
        Assert.Equal(2.05m, hedge.Odds);
    }

    [Fact]
    public async Task Invalid_signal_is_rejected_naming_the_field_and_places_nothing()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1", stake: -5m);

        var answer = await executor.SendAsync(signal, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();

        Assert.Equal(SignalAnswerKind.Rejected, answer.Kind);
        Assert.Equal(DenialReason.InvalidSignal, answer.Reason);
        Assert.Contains("positive.stake", answer.Detail);
        Assert.Empty(executor.Venue.AllAttempts());
        Assert.Null((await executor.StatusAsync(signal.Identity)).CooldownUntil);
    }
}
