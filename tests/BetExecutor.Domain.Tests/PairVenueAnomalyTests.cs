using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.LegKind;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Issue 8, item 5: a venue's acceptance outside what was asked is an anomaly. Nothing is sized from it, the pair
/// ends as a <c>venue-anomaly</c> exposure, and no arithmetic on it can throw (a throw crash-looped the pair).
/// The default signal asks 100 at 2.10; its hedge is priced 2.05.
/// </summary>
public class PairVenueAnomalyTests
{
    private static readonly PairSpec Asked = PairSpec.Given(Happened.PositiveIntent());

    [Theory]
    [InlineData(10_000, 2.10)]          // 100 × the asked stake (the venue that lied in the audit)
    [InlineData(100.02, 2.10)]          // above the asked stake by more than a cent of rounding
    [InlineData(1e26, 2.10)]            // absurd: stake × odds would overflow decimal
    [InlineData(7e28, 2.10)]            // close to decimal.MaxValue
    [InlineData(100, 1.005)]            // odds below any market's
    [InlineData(100, 1001)]             // odds above any market's
    [InlineData(100, 4.00)]             // odds far from the asked 2.10
    [InlineData(100, 1.01)]             // odds far below the asked 2.10, though sane in themselves
    public void An_acceptance_out_of_bounds_is_a_venue_anomaly_and_no_hedge_is_sized_from_it(double stake, double odds)
    {
        var then = Asked.When(Accepted(Positive, (decimal)stake, (decimal)odds), At(1));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>();
        var exposure = then.ThenExposed(ExposureReason.VenueAnomaly);
        // What the venue claims stands in the record, for the operator to take up with the venue.
        Assert.Equal(((decimal)stake, (decimal)odds), (exposure.Positive.AcceptedStake, exposure.Positive.AcceptedOdds));
        Assert.Equal(100m, exposure.Positive.AskedStake);
        Assert.Null(exposure.Hedge.ClientReference); // no hedge was ever asked for
        Assert.Contains("positive", exposure.Detail);
    }

    [Fact]
    public void An_acceptance_found_by_lookup_is_checked_the_same_way()
    {
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1))).When(Found(Positive, 5_000m, 2.10m), At(5));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>();
        then.ThenExposed(ExposureReason.VenueAnomaly);
    }

    [Fact]
    public void A_late_acceptance_found_during_the_watch_is_checked_the_same_way()
    {
        var watching = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveUnknown(At(1)),
            new PositiveNotFound(At(200)) { Meta = new Events.EventMeta(At(31), Soft.Key, PairId) });

        var then = watching.When(Found(Positive, 1_000m, 2.10m), At(60));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(ExposureRaised)).ThenDidNot<PlaceLeg>();
        then.ThenExposed(ExposureReason.VenueAnomaly);
    }

    [Theory]
    [InlineData(100.01, 2.10)] // a cent of rounding up is a venue's rounding, not a lie
    [InlineData(100, 2.00)]    // a moved price within bounds: the hedge is sized from it
    [InlineData(40, 2.10)]     // a cut stake is not an anomaly (the account watches cuts separately)
    public void An_acceptance_within_bounds_is_hedged(double stake, double odds)
    {
        var then = Asked.When(Accepted(Positive, (decimal)stake, (decimal)odds), At(1));

        then.ThenEmitted(typeof(PositiveAccepted), typeof(HedgeIntentRecorded)).ThenStatusIs(PairStatus.HedgePending);
        then.ThenPlaces(Hedge);
    }

    [Fact]
    public void A_hedge_accepted_above_its_asked_stake_is_a_venue_anomaly_not_a_settling_pair()
    {
        var then = PairSpec.Given(Happened.HedgeSent(At(1))).When(Accepted(Hedge, Happened.HedgeStake * 100m, 2.05m), At(2));

        then.ThenEmitted(typeof(HedgeAccepted), typeof(ExposureRaised)).ThenDidNot<PollSettlement>().ThenDidNot<ReportHedged>();
        var exposure = then.ThenExposed(ExposureReason.VenueAnomaly);
        Assert.Equal(Happened.HedgeStake * 100m, exposure.Hedge.AcceptedStake);
        Assert.Contains("hedge", exposure.Detail);
    }

    [Fact]
    public void A_hedge_accepted_at_absurd_odds_is_a_venue_anomaly()
    {
        var then = PairSpec.Given(Happened.HedgeSent(At(1))).When(Accepted(Hedge, Happened.HedgeStake, 999_999m), At(2));

        then.ThenExposed(ExposureReason.VenueAnomaly);
    }

    [Fact]
    public void A_pair_recovered_with_an_anomalous_positive_and_no_hedge_intent_flags_it_instead_of_hedging()
    {
        // A journal that ends at the acceptance (e.g. written before this check existed).
        var then = PairSpec.Given(Happened.PositiveIntent(), Happened.PositiveAccepted(stake: 10_000m)).When(Recover, At(5));

        then.ThenDidNot<PlaceLeg>();
        then.ThenExposed(ExposureReason.VenueAnomaly);
    }

    [Theory]
    [InlineData(1e26, 2.10, 2.05, 0.01)]
    [InlineData(100, 2.10, 2.05, 1e-27)]
    [InlineData(2e9, 2.10, 2.05, 0.01)]
    [InlineData(100, 7e28, 2.05, 0.01)]
    public void Hedge_sizing_refuses_instead_of_overflowing(double stake, double odds, double hedgeOdds, double step)
    {
        var result = HedgeSizing.Size(new AcceptedBet("b", (decimal)stake, (decimal)odds), (decimal)hedgeOdds, 1.5m, (decimal)step);

        Assert.IsType<HedgeSizing.Result.Refused>(result);
    }

    [Fact]
    public void The_answer_bounds_name_what_is_wrong()
    {
        var ask = new LegAsk(Happened.PositiveRef, 50m, 2.10m);

        Assert.Null(VenueAnswerCheck.Anomaly(ask, new AcceptedBet("b", 50m, 2.10m), PairSettings.Default));
        Assert.Contains("above the asked 50", VenueAnswerCheck.Anomaly(ask, new AcceptedBet("b", 5_000m, 2.10m), PairSettings.Default));
        Assert.Contains("outside 1.01..1000", VenueAnswerCheck.Anomaly(ask, new AcceptedBet("b", 50m, 1.001m), PairSettings.Default));
        var strict = PairSettings.Default with { AnswerLimits = AnswerBounds.Default with { MaxOddsDrift = 0.01m } };
        Assert.NotNull(VenueAnswerCheck.Anomaly(ask, new AcceptedBet("b", 50m, 2.00m), strict));
    }
}
