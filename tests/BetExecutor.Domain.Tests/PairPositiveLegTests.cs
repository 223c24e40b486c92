using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.LegKind;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

public class PairPositiveLegTests
{
    [Fact]
    public void Starting_records_the_positive_intent_then_places_the_positive_with_that_reference()
    {
        var then = PairSpec.Given().When(Start(), At(1));

        var intent = Assert.IsType<PositiveIntentRecorded>(Assert.Single(then.Events));
        Assert.Equal(Happened.PositiveRef, intent.ClientReference);
        Assert.Equal((100m, 2.10m, T0), (intent.Stake, intent.Odds, intent.SignalAcceptedAt));
        Assert.Equal(new EventMetaView(At(1), Soft.Key, PairId), EventMetaView.Of(intent));

        // The owner hears when the intent was recorded (its cooldown runs from there), then the positive leaves.
        Assert.Equal(2, then.Effects.Count);
        Assert.Equal(At(1), Assert.IsType<ReportPositiveIntent>(then.Effects[0]).At);
        var place = Assert.IsType<PlaceLeg>(then.Effects[1]);
        Assert.Equal(Positive, place.Leg);
        Assert.Equal(new LegOrder(Soft, Happened.PositiveRef, "event-1", "match-odds", "home", 2.10m, 100m, "EUR"), place.Order);
        then.ThenStatusIs(PairStatus.PositivePending);
    }

    [Fact]
    public void A_pair_that_starts_exactly_at_the_maximum_delay_still_places_its_positive()
    {
        PairSpec.Given().When(Start(acceptedAt: T0), T0 + PairSettings.Default.MaxStartDelay).ThenPlaces(Positive);
    }

    [Fact]
    public void A_pair_that_could_only_start_after_the_maximum_delay_is_abandoned_and_places_nothing()
    {
        var then = PairSpec.Given().When(Start(acceptedAt: T0), T0 + PairSettings.Default.MaxStartDelay + TimeSpan.FromMilliseconds(1));

        then.ThenEmitted(typeof(PairAbandoned)).ThenDid(typeof(ReportFinished)).ThenStatusIs(PairStatus.Abandoned);
        var outcome = then.ThenFinishedWith<PairOutcome.NothingStands>();
        Assert.Equal("stale-signal", outcome.Reason.Code());
    }

    [Fact]
    public void An_expired_signal_is_abandoned_and_places_nothing()
    {
        var then = PairSpec.Given().When(Start(ASignal(expiresAt: At(1))), At(1));

        then.ThenEmitted(typeof(PairAbandoned)).ThenDidNot<PlaceLeg>().ThenStatusIs(PairStatus.Abandoned);
        Assert.Equal("signal-expired", then.ThenFinishedWith<PairOutcome.NothingStands>().Reason.Code());
    }

    [Fact]
    public void A_signal_that_has_not_expired_yet_is_placed()
    {
        PairSpec.Given().When(Start(ASignal(expiresAt: At(2))), At(1)).ThenPlaces(Positive);
    }

    [Fact]
    public void A_second_start_never_places_the_positive_again()
    {
        PairSpec.Given(Happened.PositiveIntent()).When(Start(), At(1)).ThenNothingHappened();
    }

    [Fact]
    public void An_accepted_positive_records_the_hedge_intent_sized_from_the_accepted_stake_and_odds()
    {
        // Asked 100 @ 2.10; the venue took 40 @ 2.00. The hedge pays the same: 80 / 2.05 = 39.02.
        var then = PairSpec.Given(Happened.PositiveIntent()).When(Accepted(Positive, 40m, 2.00m), At(1));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(HedgeIntentRecorded)).ThenStatusIs(PairStatus.HedgePending);
        var intent = then.ThenEmitted<HedgeIntentRecorded>();
        Assert.Equal((Happened.HedgeRef, 1, 39.02m, 2.05m), (intent.ClientReference, intent.Attempt, intent.Stake, intent.Odds));
        Assert.Equal(new LegOrder(Sharp, Happened.HedgeRef, "event-1", "match-odds", "home-lay", 2.05m, 39.02m, "EUR"), then.ThenPlaces(Hedge).Order);
        Assert.Equal(new AcceptedBet("pos-bet", 40m, 2.00m), then.InPhase<PairPhase.HedgePending>().Positive);
    }

    [Fact]
    public void A_hedge_priced_below_its_minimum_is_never_placed_and_leaves_the_positive_unhedged()
    {
        // SignalRules refuses such a signal; the pair still refuses to place it if one gets through.
        var signal = ASignal(hedgeOdds: 1.90m, minOdds: 1.95m);
        var then = PairSpec.Given(Happened.PositiveIntent(signal)).When(Accepted(Positive, 100m, 2.10m), At(1));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>();
        then.ThenExposed(ExposureReason.Unhedged);
        Assert.Equal("pos-bet", then.ThenFinishedWith<PairOutcome.Exposed>().Positive!.BetId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_rejected_positive_is_terminal_and_reports_rejected(bool permanent)
    {
        var then = PairSpec.Given(Happened.PositiveIntent())
            .When(Placed(Positive, new PlacementResult.Rejected("odds-changed", permanent)), At(1));

        then.ThenEmitted(typeof(PositiveRejected)).ThenDid(typeof(ReportFinished)).ThenStatusIs(PairStatus.PositiveRejected);
        Assert.Equal("odds-changed", then.ThenFinishedWith<PairOutcome.NothingStands>().Detail);
    }

    [Fact]
    public void Hedge_is_never_placed_when_the_positive_is_rejected()
    {
        var then = PairSpec.Given(Happened.PositiveIntent()).When(RejectedFinally(Positive), At(1));

        var later = new[]
        {
            then.AndWhen(Wake, At(2)),
            then.AndWhen(Accepted(Positive, 100m, 2.10m), At(2)),
            then.AndWhen(Found(Positive, 100m, 2.10m), At(2)),
            then.AndWhen(Recover, At(2)),
        };

        Assert.All(later, next => Assert.Empty(next.Effects.OfType<PlaceLeg>()));
        Assert.All(later, next => Assert.Empty(next.Events));
    }

    [Fact]
    public void An_unknown_placement_is_not_a_rejection_and_is_looked_up_after_the_first_delay()
    {
        var then = PairSpec.Given(Happened.PositiveIntent()).When(Unknown(Positive), At(1));

        then.ThenEmitted(typeof(PositiveOutcomeUnknown)).ThenDid(typeof(WakeAt)).ThenStatusIs(PairStatus.PositiveUnknown);
        Assert.Equal(At(3), then.ThenWakesAt());
        Assert.Equal(At(1), then.InPhase<PairPhase.PositiveUnknown>().Since);

        var lookup = then.AndWhen(Wake, At(3)).ThenLooksUp(Positive);
        Assert.Equal(new LookUpLeg(Positive, Soft, Happened.PositiveRef), lookup);
    }

    [Fact]
    public void Lookups_back_off_with_the_age_of_the_unknown_and_land_on_the_end_of_the_window()
    {
        // Unknown at 1 s, window 30 s: waits of half the age, at least 2 s and at most 10 s, the last one cut to 31 s.
        var then = PairSpec.Given(Happened.PositiveIntent()).When(Unknown(Positive), At(1));
        var lookups = new List<DateTimeOffset>();
        while (then.Effects.OfType<WakeAt>().SingleOrDefault() is { } wake)
        {
            lookups.Add(wake.At);
            then = then.AndWhen(Wake, wake.At);
            then.ThenLooksUp(Positive);
            then = then.AndWhen(NotFound(Positive), wake.At);
        }

        // Then the late-acceptance watch: every 30 s for 2 min after the window, in case the venue shows the bet late.
        Assert.Equal([At(3), At(5), At(7), At(10), At(14.5), At(21.25), At(31), At(61), At(91), At(121), At(151)], lookups);
        Assert.Equal("not-found-after-window", then.ThenFinishedWith<PairOutcome.NothingStands>().Reason.Code());
        then.ThenEmitted(typeof(PositiveWatchEnded)).ThenStatusIs(PairStatus.PositiveRejected);
    }

    [Fact]
    public void A_positive_not_found_in_its_window_is_watched_and_a_bet_that_shows_late_is_hedged_from_what_was_taken()
    {
        var watching = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).When(NotFound(Positive), At(31));
        watching.ThenEmitted(typeof(PositiveNotFound)).ThenStatusIs(PairStatus.PositiveWatching).ThenDidNot<ReportFinished>();
        Assert.Equal(At(61), watching.ThenWakesAt());

        var then = watching.AndWhen(Wake, At(61)).AndWhen(Found(Positive, 100m, 2.10m), At(61));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(HedgeIntentRecorded)).ThenStatusIs(PairStatus.HedgePending);
        Assert.Equal(Happened.HedgeRef, then.ThenPlaces(Hedge).Order.ClientReference);
    }

    [Fact]
    public void A_failed_lookup_during_the_watch_changes_nothing_and_the_watch_goes_on()
    {
        var watching = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).When(NotFound(Positive), At(31));

        var then = watching.AndWhen(Wake, At(61)).AndWhen(LookupFailed(Positive), At(61));

        Assert.Empty(then.Events);
        Assert.Equal(At(91), then.ThenWakesAt());
    }

    [Fact]
    public void Without_a_watch_the_pair_ends_as_soon_as_the_window_closes()
    {
        var settings = PairSettings.Default with { LateAcceptanceWatch = TimeSpan.Zero };
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).Using(settings).When(NotFound(Positive), At(31));

        then.ThenEmitted(typeof(PositiveNotFound), typeof(PositiveWatchEnded));
        Assert.Equal("not-found-after-window", then.ThenFinishedWith<PairOutcome.NothingStands>().Reason.Code());
    }

    [Fact]
    public void A_positive_not_found_before_the_window_ends_is_looked_up_again()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).When(NotFound(Positive), At(30.999));

        Assert.Empty(then.Events);
        Assert.Equal(At(31), then.ThenWakesAt());
    }

    [Fact]
    public void A_positive_found_by_lookup_is_accepted_and_hedged_from_what_was_found()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).When(Found(Positive, 50m, 2.20m), At(5));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(HedgeIntentRecorded)).ThenStatusIs(PairStatus.HedgePending);
        Assert.Equal(53.66m, then.ThenPlaces(Hedge).Order.Stake); // 110 / 2.05 = 53.658…
        // The unknown is resolved: a pending hedge has no "unknown since" to carry over.
        Assert.Equal(new AcceptedBet("pos-bet", 50m, 2.20m), then.InPhase<PairPhase.HedgePending>().Positive);
    }

    [Fact]
    public void Lookups_failing_through_the_whole_window_raise_an_unresolved_unknown_exposure()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1)))
            .When(LookupFailed(Positive), At(3));
        Assert.Empty(then.Events);
        then.ThenWakesAt();

        then = then.AndWhen(LookupFailed(Positive), At(31));

        then.ThenExposed(ExposureReason.UnresolvedUnknown);
        then.ThenDidNot<PlaceLeg>();
    }

    [Fact]
    public void A_failed_lookup_inside_the_window_says_nothing_and_the_next_lookup_decides()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1)))
            .When(LookupFailed(Positive), At(3))
            .AndWhen(Found(Positive, 100m, 2.10m), At(5));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(HedgeIntentRecorded));
    }

    [Fact]
    public void An_unresolved_positive_exposure_records_what_is_known_of_both_legs()
    {
        var outcome = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1)))
            .When(LookupFailed(Positive), At(31))
            .ThenExposed(ExposureReason.UnresolvedUnknown);

        Assert.Equal(new LegSnapshot(Soft.Key, Happened.PositiveRef.Value, 100m, 2.10m, null, null, null, null), outcome.Positive);
        Assert.Equal(new LegSnapshot(Sharp.Key, null, 0m, 0m, null, null, null, null), outcome.Hedge);
    }
}

/// <summary>The part of an event's meta the domain fills (node and incarnation are the actor's).</summary>
internal sealed record EventMetaView(DateTimeOffset At, string IdentityKey, string? PairId)
{
    public static EventMetaView Of(PairEvent e) => new(e.Meta.At, e.Meta.IdentityKey, e.Meta.PairId);
}
