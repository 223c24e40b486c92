using BetExecutor.Domain.Accounts;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>Per-identity limits (docs/architecture.md §4), all checked before anything is persisted as intent.</summary>
public class AccountLimitTests
{
    private static readonly DateTimeOffset Now = T0.AddMinutes(1);

    private static SignalDecision Decide(AccountState state, Signals.Signal signal, IdentityLimits soft, IdentityLimits? sharp = null)
    {
        var policies = IdentityPolicies.Unlimited.With(Soft, soft).With(Sharp, sharp ?? IdentityLimits.Unlimited);
        return state.DecideSignal(signal, Now, AccountSettings.Default, policies, haltedGlobally: false);
    }

    [Fact]
    public void A_stake_is_rounded_down_to_the_venue_step_never_up()
    {
        var decision = Decide(Account.Given(), ASignal(stake: 100.99m), new IdentityLimits(StakeStep: 0.5m));

        Assert.Equal(100.5m, Assert.IsType<SignalDecision.Accept>(decision).Event.Signal.Positive.Stake);
    }

    [Fact]
    public void A_stake_below_the_minimum_is_denied()
    {
        var decision = Decide(Account.Given(), ASignal(stake: 4m), new IdentityLimits(MinStake: 5m));

        Assert.Equal(DenialReason.StakeBelowMinimum, decision.DeniedFor());
    }

    [Fact]
    public void A_stake_that_rounds_to_nothing_is_denied()
    {
        var decision = Decide(Account.Given(), ASignal(stake: 0.4m), new IdentityLimits(StakeStep: 1m));

        Assert.Equal(DenialReason.StakeBelowMinimum, decision.DeniedFor());
    }

    [Fact]
    public void A_stake_above_the_maximum_is_denied_not_cut()
    {
        var decision = Decide(Account.Given(), ASignal(stake: 250m), new IdentityLimits(MaxStake: 200m));

        Assert.Equal(DenialReason.StakeAboveMaximum, decision.DeniedFor());
    }

    [Fact]
    public void More_open_pairs_than_allowed_are_denied_counting_pairs_still_settling()
    {
        var state = Account.Given(Account.Accepted("p-1", T0), Account.Hedged("p-1", T0));

        var decision = Decide(state, ASignal(id: "p-2"), new IdentityLimits(MaxOpenPairs: 1));

        Assert.Equal(DenialReason.TooManyOpenPairs, decision.DeniedFor());
    }

    [Fact]
    public void The_daily_stake_counts_every_pair_accepted_that_utc_day()
    {
        var state = Account.Given(Account.Accepted("p-1", T0), Account.Hedged("p-1", T0), Account.Finished("p-1", T0));

        var over = Decide(state, ASignal(id: "p-2", stake: 100.01m), new IdentityLimits(MaxDailyStake: 200m));
        var within = Decide(state, ASignal(id: "p-2", stake: 100m), new IdentityLimits(MaxDailyStake: 200m));

        Assert.Equal(DenialReason.DailyStakeLimit, over.DeniedFor());
        Assert.IsType<SignalDecision.Accept>(within);
    }

    [Fact]
    public void The_daily_stake_starts_again_on_the_next_utc_day()
    {
        var yesterday = T0.AddDays(-1);
        var state = Account.Given(new SignalAccepted(ASignal(id: "p-0", stake: 200m), yesterday.AddMinutes(1)) { Meta = new(yesterday, Soft.Key, "p-0") },
            Account.Finished("p-0", yesterday));

        Assert.Equal(0m, state.StakedOn(Now));
        Assert.IsType<SignalDecision.Accept>(Decide(state, ASignal(stake: 200m), new IdentityLimits(MaxDailyStake: 200m)));
    }

    [Fact]
    public void A_live_positive_whose_hedge_identity_is_dry_run_is_refused_because_its_hedge_would_never_be_placed()
    {
        var decision = Decide(Account.Given(), ASignal(), IdentityLimits.Unlimited, sharp: new IdentityLimits(DryRun: true));

        var deny = Assert.IsType<SignalDecision.Deny>(decision);
        Assert.Equal(DenialReason.InvalidSignal, deny.Event.Reason);
        Assert.StartsWith("hedge.identity", deny.Event.Detail);
    }

    [Fact]
    public void A_stake_cut_below_the_configured_share_marks_the_identity_limited_and_blocks_it()
    {
        var state = Account.Given(Account.Accepted("p-1", T0));

        var events = state.OnPositiveAccepted("p-1", 100m, 40m, Now, new IdentityLimits(LimitedBelowShare: 0.5m));
        var limited = state.Then(events);

        Assert.IsType<IdentityLimited>(Assert.Single(events));
        Assert.Equal(40m, limited.Limited?.AcceptedStake);
        var later = Decide(limited, ASignal(id: "p-2"), IdentityLimits.Unlimited);
        Assert.Equal(DenialReason.AccountLimited, later.DeniedFor());
    }

    [Fact]
    public void A_stake_cut_to_the_configured_share_or_more_is_not_a_limitation()
    {
        var state = Account.Given(Account.Accepted("p-1", T0));

        Assert.Empty(state.OnPositiveAccepted("p-1", 100m, 50m, Now, new IdentityLimits(LimitedBelowShare: 0.5m)));
        Assert.Empty(state.OnPositiveAccepted("p-1", 100m, 1m, Now, new IdentityLimits(LimitedBelowShare: 0m)));
    }

    [Fact]
    public void A_positive_intent_recorded_late_after_a_restart_pushes_the_cooldown_back_to_run_from_the_intent()
    {
        var state = Account.Given(Account.Accepted("p-1", T0)); // cooldown until T0 + 60 s

        var late = state.OnPositiveIntent("p-1", T0.AddSeconds(8), AccountSettings.Default);
        var onTime = state.OnPositiveIntent("p-1", T0, AccountSettings.Default);

        Assert.Equal(T0.AddSeconds(68), state.Then(late).CooldownUntil);
        Assert.Empty(onTime); // the usual case: intent and acceptance are one instant, nothing to record
    }

    [Fact]
    public void Resuming_lifts_a_limitation()
    {
        var limited = Account.Given(Account.Accepted("p-1", T0), Account.Finished("p-1", T0),
            new IdentityLimited("p-1", 100m, 10m) { Meta = new(T0, Soft.Key, "p-1") });

        var decision = Assert.IsType<OperatorDecision.Record>(limited.DecideResume("checked with the bookmaker", "ops", Now));

        Assert.Null(limited.Then(decision.Events).Limited);
    }
}
