using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.LegKind;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

public class PairRecoveryTests
{
    private static PairThen RecoveredFrom(PairStatus status, double at = 100) =>
        PairSpec.Given(PairHistories.Leading_to(status)).When(Recover, At(at));

    [Theory]
    [MemberData(nameof(PairHistories.All), MemberType = typeof(PairHistories))]
    public void Each_history_leads_to_the_status_it_is_named_for(PairStatus status)
    {
        Assert.Equal(status, PairSpec.Fold(PairHistories.Leading_to(status)).Status);
    }

    [Fact]
    public void A_pair_recovered_before_it_started_waits_for_its_start()
    {
        RecoveredFrom(PairStatus.NotStarted).ThenNothingHappened();
    }

    [Fact]
    public void A_positive_whose_placement_may_have_left_is_looked_up_never_sent_again()
    {
        var then = RecoveredFrom(PairStatus.PositivePending);

        then.ThenEmitted(typeof(PositiveOutcomeUnknown)).ThenDid(typeof(LookUpLeg)).ThenStatusIs(PairStatus.PositiveUnknown);
        Assert.Equal(new LookUpLeg(Positive, Soft, Happened.PositiveRef), then.ThenLooksUp(Positive));
        Assert.Equal(At(100), then.InPhase<PairPhase.PositiveUnknown>().Since);
    }

    [Fact]
    public void A_recovered_positive_that_is_then_found_is_hedged()
    {
        var then = RecoveredFrom(PairStatus.PositivePending).AndWhen(Found(Positive, 100m, 2.10m), At(101));

        then.ThenPlaces(Hedge);
        Assert.Empty(then.History.OfType<PositiveIntentRecorded>().Skip(1));
    }

    [Fact]
    public void A_recovered_positive_that_is_never_found_is_rejected_after_a_full_window_from_the_recovery()
    {
        var then = RecoveredFrom(PairStatus.PositivePending)
            .AndWhen(NotFound(Positive), At(129.9));
        Assert.Empty(then.Events);

        then = then.AndWhen(NotFound(Positive), At(130));
        then.ThenEmitted(typeof(PositiveNotFound)).ThenStatusIs(PairStatus.PositiveWatching);

        // Still not there when the late-acceptance watch ends (2 min after the window): nothing stands.
        then = then.AndWhen(NotFound(Positive), At(250));
        Assert.Equal("not-found-after-window", then.ThenFinishedWith<PairOutcome.NothingStands>().Reason.Code());
    }

    [Fact]
    public void An_unknown_positive_is_looked_up_again_on_recovery()
    {
        var then = RecoveredFrom(PairStatus.PositiveUnknown);

        Assert.Empty(then.Events);
        then.ThenDid(typeof(LookUpLeg));
        Assert.Equal(At(1), then.InPhase<PairPhase.PositiveUnknown>().Since);
    }

    [Fact]
    public void An_accepted_positive_without_a_hedge_intent_gets_its_first_hedge_attempt_on_recovery()
    {
        var then = RecoveredFrom(PairStatus.PositiveAccepted);

        Assert.Equal(1, then.ThenEmitted<HedgeIntentRecorded>().Attempt);
        Assert.Equal(Happened.HedgeStake, then.ThenPlaces(Hedge).Order.Stake);
        Assert.DoesNotContain(then.Effects.OfType<PlaceLeg>(), p => p.Leg == Positive);
    }

    [Fact]
    public void A_hedge_whose_placement_may_have_left_is_looked_up_never_sent_again()
    {
        var then = RecoveredFrom(PairStatus.HedgePending);

        then.ThenEmitted(typeof(HedgeOutcomeUnknown)).ThenDid(typeof(LookUpLeg)).ThenStatusIs(PairStatus.HedgeUnknown);
        Assert.Equal(new LookUpLeg(Hedge, Sharp, Happened.HedgeRef), then.ThenLooksUp(Hedge));
    }

    [Fact]
    public void An_unknown_hedge_is_looked_up_again_on_recovery()
    {
        var then = RecoveredFrom(PairStatus.HedgeUnknown);

        Assert.Empty(then.Events);
        then.ThenDid(typeof(LookUpLeg));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(100, 100)]
    public void A_hedge_waiting_for_its_retry_sets_its_timer_again_not_earlier_than_planned(double recoveredAt, double wakesAt)
    {
        var then = RecoveredFrom(PairStatus.HedgeRetryWaiting, recoveredAt);

        Assert.Empty(then.Events);
        Assert.True(then.ThenWakesAt() >= At(3));
        Assert.True(then.ThenWakesAt() <= At(wakesAt));
    }

    [Fact]
    public void A_hedge_that_had_failed_raises_its_unhedged_exposure_on_recovery()
    {
        RecoveredFrom(PairStatus.HedgeFailed).ThenExposed(ExposureReason.Unhedged);
    }

    [Fact]
    public void A_settling_pair_recovered_before_kick_off_reports_hedged_again_and_waits_for_kick_off()
    {
        var then = RecoveredFrom(PairStatus.Settling);

        Assert.Empty(then.Events);
        then.ThenDid<ReportHedged>();
        then.ThenDidNot<PollSettlement>();
        Assert.Equal(KickOff, then.ThenWakesAt());
    }

    [Fact]
    public void A_settling_pair_recovered_after_kick_off_reports_hedged_again_and_polls_at_once()
    {
        var then = RecoveredFrom(PairStatus.Settling, at: (KickOff - T0).TotalSeconds + 5);

        Assert.Empty(then.Events);
        then.ThenDid<ReportHedged>();
        then.ThenDid<PollSettlement>();
    }

    [Theory]
    [MemberData(nameof(PairHistories.NonTerminal), MemberType = typeof(PairHistories))]
    public void Recovery_never_places_a_leg_whose_intent_is_already_recorded(PairStatus status)
    {
        var then = RecoveredFrom(status);

        var placed = then.Effects.OfType<PlaceLeg>().ToList();
        if (status == PairStatus.PositiveAccepted)
            Assert.Equal(Hedge, Assert.Single(placed).Leg);
        else
            Assert.Empty(placed);
        Assert.Empty(then.Events.OfType<PositiveIntentRecorded>());
    }

    [Theory]
    [MemberData(nameof(PairHistories.Terminal), MemberType = typeof(PairHistories))]
    public void A_finished_pair_reports_its_outcome_again_on_recovery_and_does_nothing_else(PairStatus status)
    {
        var history = PairHistories.Leading_to(status);
        var then = PairSpec.Given(history).When(Recover, At(100_000));

        Assert.Empty(then.Events);
        var outcome = Assert.IsType<ReportFinished>(Assert.Single(then.Effects)).Outcome;
        Assert.Equal(PairSpec.Fold(history).Outcome, outcome);
    }

    [Theory]
    [MemberData(nameof(PairHistories.NonTerminal), MemberType = typeof(PairHistories))]
    public void Recovering_twice_in_a_row_never_places_more_than_recovering_once(PairStatus status)
    {
        var once = RecoveredFrom(status);
        var twice = once.AndWhen(Recover, At(100));

        Assert.Empty(twice.Effects.OfType<PlaceLeg>());
    }
}
