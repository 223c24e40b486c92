using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.LegKind;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

public class PairHedgeLegTests
{
    private static PairSpec HedgeSentAt1 => PairSpec.Given(Happened.HedgeSent(At(1)));

    [Fact]
    public void An_accepted_hedge_reports_hedged_and_first_polls_when_the_event_starts()
    {
        var then = HedgeSentAt1.When(Accepted(Hedge, Happened.HedgeStake, 2.05m), At(2));

        then.ThenEmitted(typeof(HedgeAccepted)).ThenDid(typeof(ReportHedged), typeof(WakeAt)).ThenStatusIs(PairStatus.Settling);
        Assert.Equal(KickOff, then.ThenWakesAt());
        Assert.Equal("hdg-bet", then.InPhase<PairPhase.Settling>().HedgeBet.BetId);
    }

    [Fact]
    public void An_accepted_hedge_on_a_running_event_first_polls_one_interval_later()
    {
        var signal = ASignal(startsAt: At(-600), inPlay: true);
        var then = PairSpec.Given(Happened.PositiveIntent(signal), Happened.PositiveAccepted(at: At(1)), Happened.HedgeIntent(at: At(1)))
            .When(Accepted(Hedge, Happened.HedgeStake, 2.05m), At(2));

        Assert.Equal(At(2) + PairSettings.Default.PollInterval, then.ThenWakesAt());
    }

    [Fact]
    public void A_hedge_taken_at_a_worse_price_than_asked_is_a_hedge_short_exposure_at_once()
    {
        var then = HedgeSentAt1.When(Accepted(Hedge, Happened.HedgeStake, 1.90m), At(2)); // asked 2.05

        then.ThenEmitted(typeof(HedgeAccepted), typeof(ExposureRaised)).ThenDidNot<PollSettlement>().ThenDidNot<ReportHedged>();
        var outcome = then.ThenExposed(ExposureReason.HedgeShort);
        Assert.Equal("hdg-bet", outcome.Hedge!.BetId); // the hedge stands, and the record says so
    }

    [Fact]
    public void A_hedge_taken_for_a_cut_stake_is_a_hedge_short_exposure()
    {
        var then = HedgeSentAt1.When(Accepted(Hedge, Happened.HedgeStake / 2, 2.05m), At(2));

        then.ThenExposed(ExposureReason.HedgeShort);
    }

    [Fact]
    public void A_hedge_within_the_tolerance_of_the_positive_payout_settles_normally()
    {
        // 1 cent under the asked stake: a rounding difference, not a shortfall.
        var then = HedgeSentAt1.When(Accepted(Hedge, Happened.HedgeStake - 0.01m, 2.05m), At(2));

        then.ThenStatusIs(PairStatus.Settling).ThenDid(typeof(ReportHedged), typeof(WakeAt));
    }

    [Fact]
    public void A_permanently_rejected_hedge_leaves_the_positive_unhedged()
    {
        var then = HedgeSentAt1.When(RejectedFinally(Hedge, "market-closed"), At(2));

        then.ThenEmitted(typeof(HedgeRejected), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>().ThenDidNot<WakeAt>();
        var outcome = then.ThenExposed(ExposureReason.Unhedged);
        Assert.Contains("market-closed", outcome.Detail);
        Assert.Equal("pos-bet", outcome.Positive!.BetId);
        Assert.Equal(Happened.HedgeRef.Value, outcome.Hedge!.ClientReference);
        Assert.Null(outcome.Hedge.BetId);
        Assert.Equal(Sharp.Key, outcome.Hedge.IdentityKey);
    }

    [Fact]
    public void A_transiently_rejected_hedge_is_retried_with_the_same_reference_until_the_attempts_are_spent()
    {
        // Attempts at 1 s, 3 s (+2 s) and 7 s (+4 s): three in all, then the pair gives up.
        var then = HedgeSentAt1.When(RejectedTransiently(Hedge), At(1));
        Assert.Equal(At(3), then.ThenWakesAt());
        then.ThenStatusIs(PairStatus.HedgeRetryWaiting);

        then = then.AndWhen(Wake, At(3));
        Assert.Equal(2, then.ThenEmitted<HedgeIntentRecorded>().Attempt);
        Assert.Equal(Happened.HedgeRef, then.ThenPlaces(Hedge).Order.ClientReference);

        then = then.AndWhen(RejectedTransiently(Hedge), At(3));
        Assert.Equal(At(7), then.ThenWakesAt());

        then = then.AndWhen(Wake, At(7));
        Assert.Equal(3, then.ThenEmitted<HedgeIntentRecorded>().Attempt);
        Assert.Equal(Happened.HedgeRef, then.ThenPlaces(Hedge).Order.ClientReference);

        then = then.AndWhen(RejectedTransiently(Hedge), At(7));
        then.ThenExposed(ExposureReason.Unhedged);
        then.ThenDidNot<WakeAt>();

        Assert.Equal(PairSettings.Default.HedgeMaxAttempts, then.History.OfType<HedgeIntentRecorded>().Count());
        Assert.All(then.History.OfType<HedgeIntentRecorded>(), i => Assert.Equal(Happened.HedgeRef, i.ClientReference));
    }

    [Fact]
    public void No_hedge_retry_starts_after_the_time_budget()
    {
        var settings = PairSettings.Default with { HedgeRetryBudget = TimeSpan.FromSeconds(5), HedgeMaxAttempts = 10 };

        // First attempt at 1 s; the retry at 3 s fits the budget (6 s), the next one (7 s) does not.
        var then = HedgeSentAt1.Using(settings).When(RejectedTransiently(Hedge), At(1))
            .AndWhen(Wake, At(3))
            .AndWhen(RejectedTransiently(Hedge), At(3));

        then.ThenExposed(ExposureReason.Unhedged);
        Assert.Equal(2, then.History.OfType<HedgeIntentRecorded>().Count());
    }

    [Fact]
    public void A_retry_timer_that_fires_early_waits_again_and_places_nothing()
    {
        var then = HedgeSentAt1.When(RejectedTransiently(Hedge), At(1)).AndWhen(Wake, At(2.5));

        Assert.Empty(then.Events);
        then.ThenDidNot<PlaceLeg>();
        Assert.Equal(At(3), then.ThenWakesAt());
    }

    [Fact]
    public void A_hedge_re_priced_below_the_minimum_odds_leaves_the_positive_unhedged()
    {
        var then = HedgeSentAt1.When(RejectedTransiently(Hedge, currentOdds: 1.90m), At(2));

        var rejected = then.ThenEmitted<HedgeRejected>();
        Assert.False(rejected.Permanent); // recorded as the venue classed it; the floor is what stops the retry
        Assert.Null(rejected.RetryAt);
        Assert.Equal(1.90m, rejected.RepricedOdds);
        then.ThenExposed(ExposureReason.Unhedged);
        then.ThenDidNot<PlaceLeg>();
    }

    [Fact]
    public void A_hedge_re_priced_at_or_above_the_minimum_is_retried_at_the_new_price_resized()
    {
        var then = HedgeSentAt1.When(RejectedTransiently(Hedge, currentOdds: 2.00m), At(1)).AndWhen(Wake, At(3));

        var order = then.ThenPlaces(Hedge).Order;
        Assert.Equal((2.00m, 105.00m), (order.Odds, order.Stake)); // 210 / 2.00
        Assert.Equal(Happened.HedgeRef, order.ClientReference);
    }

    [Fact]
    public void A_re_priced_retry_whose_stake_rounds_to_nothing_leaves_the_positive_unhedged()
    {
        // Whole-unit stakes: 1 @ 2.00 is hedged 1 @ 2.00; re-priced to 5.00 the hedge would be 0.4, which rounds to 0.
        var settings = PairSettings.Default with { HedgeStakeStep = 1m };
        var signal = ASignal(stake: 1m, odds: 2.00m, hedgeOdds: 2.00m, minOdds: 1.50m);
        var then = PairSpec.Given(Happened.PositiveIntent(signal), Happened.PositiveAccepted(1m, 2.00m, At(1)), Happened.HedgeIntent(1, 1m, 2.00m, At(1)))
            .Using(settings)
            .When(RejectedTransiently(Hedge, currentOdds: 5.00m), At(1))
            .AndWhen(Wake, At(3));

        then.ThenExposed(ExposureReason.Unhedged);
        then.ThenDidNot<PlaceLeg>();
    }

    [Fact]
    public void An_unknown_hedge_is_looked_up_and_a_found_hedge_is_accepted()
    {
        var then = HedgeSentAt1.When(Unknown(Hedge), At(2));
        then.ThenEmitted(typeof(HedgeOutcomeUnknown)).ThenStatusIs(PairStatus.HedgeUnknown).ThenDidNot<PlaceLeg>();
        Assert.Equal(At(4), then.ThenWakesAt());

        then = then.AndWhen(Wake, At(4));
        Assert.Equal(new LookUpLeg(Hedge, Sharp, Happened.HedgeRef), then.ThenLooksUp(Hedge));

        then = then.AndWhen(Found(Hedge, Happened.HedgeStake, 2.05m), At(4));
        then.ThenEmitted(typeof(HedgeAccepted)).ThenStatusIs(PairStatus.Settling).ThenDid<ReportHedged>();
    }

    [Fact]
    public void An_unknown_hedge_not_found_after_the_window_is_retried_with_the_same_reference()
    {
        var then = PairSpec.Given([.. Happened.HedgeSent(At(1)), Happened.HedgeUnknown(At(2))])
            .When(NotFound(Hedge), At(31.5));
        Assert.Empty(then.Events);

        then = then.AndWhen(NotFound(Hedge), At(32));
        var notFound = then.ThenEmitted<HedgeNotFound>();
        Assert.Equal((1, At(34)), (notFound.Attempt, notFound.RetryAt));
        then.ThenStatusIs(PairStatus.HedgeRetryWaiting);
        Assert.Equal(At(34), then.ThenWakesAt());

        then = then.AndWhen(Wake, At(34));
        Assert.Equal(2, then.ThenEmitted<HedgeIntentRecorded>().Attempt);
        Assert.Equal(Happened.HedgeRef, then.ThenPlaces(Hedge).Order.ClientReference);
    }

    [Fact]
    public void An_unknown_last_hedge_attempt_not_found_after_the_window_leaves_the_positive_unhedged()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveAccepted(at: At(1)), Happened.HedgeIntent(1, at: At(1)),
                Happened.HedgeRejectedTransiently(1, At(3), at: At(1)), Happened.HedgeIntent(2, at: At(3)),
                Happened.HedgeRejectedTransiently(2, At(7), at: At(3)), Happened.HedgeIntent(3, at: At(7)),
                Happened.HedgeUnknown(At(8)))
            .When(NotFound(Hedge), At(38));

        then.ThenEmitted(typeof(HedgeNotFound), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>();
        Assert.Null(then.ThenEmitted<HedgeNotFound>().RetryAt);
        then.ThenExposed(ExposureReason.Unhedged);
    }

    [Fact]
    public void Hedge_lookups_failing_through_the_window_raise_an_unresolved_unknown_exposure()
    {
        var then = PairSpec.Given([.. Happened.HedgeSent(At(1)), Happened.HedgeUnknown(At(2))])
            .When(LookupFailed(Hedge), At(20))
            .AndWhen(LookupFailed(Hedge), At(32));

        then.ThenExposed(ExposureReason.UnresolvedUnknown);
        then.ThenDidNot<PlaceLeg>();
    }
}
