using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.SettlementState;
using static BetExecutor.Domain.Tests.Fixture;
using static BetExecutor.Domain.Tests.Venue;

namespace BetExecutor.Domain.Tests;

public class PairSettlementTests
{
    private static PairSpec Placed => PairSpec.Given(Happened.BothLegsPlaced(At(1)));

    [Fact]
    public void A_settlement_poll_asks_each_leg_s_own_venue_for_its_bet()
    {
        var then = Placed.When(Wake, KickOff);

        Assert.Empty(then.Events);
        var poll = then.ThenDid<PollSettlement>();
        Assert.Equal(new BetOnVenue(Soft, "pos-bet"), poll.Positive);
        Assert.Equal(new BetOnVenue(Sharp, "hdg-bet"), poll.Hedge);
    }

    [Fact]
    public void Pending_legs_are_polled_again_after_the_interval()
    {
        var then = Placed.When(Settlement(Pending, Pending), KickOff);

        Assert.Equal(new SettlementPolled(1, Pending, Pending) { Meta = then.Events[0].Meta }, then.ThenEmitted<SettlementPolled>());
        Assert.Equal(KickOff + PairSettings.Default.PollInterval, then.ThenWakesAt());
        then.ThenStatusIs(PairStatus.Settling);
    }

    [Fact]
    public void A_leg_that_is_final_is_not_polled_again()
    {
        var then = Placed.When(Settlement(Won, Pending), KickOff).AndWhen(Wake, KickOff.AddSeconds(30));

        var poll = then.ThenDid<PollSettlement>();
        Assert.Null(poll.Positive);
        Assert.Equal(new BetOnVenue(Sharp, "hdg-bet"), poll.Hedge);
    }

    [Fact]
    public void A_failed_settlement_query_is_not_read_as_a_result()
    {
        var then = Placed.When(SettlementFailed(), KickOff);

        Assert.Equal((1, (SettlementState?)null, (SettlementState?)null), (then.ThenEmitted<SettlementPolled>().Poll, then.InPhase<PairPhase.Settling>().PositiveSettlement, then.InPhase<PairPhase.Settling>().HedgeSettlement));
        then.ThenStatusIs(PairStatus.Settling).ThenWakesAt();
    }

    [Fact]
    public void A_final_state_once_seen_is_kept_whatever_a_later_answer_says()
    {
        var then = PairSpec.Given([.. Happened.BothLegsPlaced(At(1)), Happened.Polled(1, Won, Pending)])
            .When(Settlement(Lost, Pending), KickOff);

        Assert.Equal(Won, then.InPhase<PairPhase.Settling>().PositiveSettlement);
    }

    [Theory]
    [InlineData(Won, Lost)]
    [InlineData(Lost, Won)]
    [InlineData(SettlementState.Void, SettlementState.Void)]
    public void The_expected_outcome_settles_the_pair(SettlementState positive, SettlementState hedge)
    {
        var then = Placed.When(Settlement(positive, Pending), KickOff).AndWhen(Settlement(null, hedge), KickOff.AddSeconds(30));

        then.ThenEmitted(typeof(SettlementPolled), typeof(PairSettled)).ThenStatusIs(PairStatus.Settled).ThenDidNot<WakeAt>();
        var outcome = then.ThenFinishedWith<PairOutcome.Settled>();
        Assert.Equal((positive, hedge), (outcome.Positive!.Settlement, outcome.Hedge!.Settlement));
        Assert.Equal(("pos-bet", "hdg-bet"), (outcome.Positive.BetId, outcome.Hedge.BetId));
    }

    [Theory]
    [InlineData(Won, Won, ExposureReason.BothWon)]
    [InlineData(Lost, Lost, ExposureReason.BothLost)]
    [InlineData(SettlementState.Void, Won, ExposureReason.VoidOneSide)]
    [InlineData(Lost, SettlementState.Void, ExposureReason.VoidOneSide)]
    [InlineData(HalfWon, Lost, ExposureReason.PartialSettlement)]
    [InlineData(Won, HalfLost, ExposureReason.PartialSettlement)]
    public void An_unbalanced_outcome_raises_an_exposure_with_its_reason(SettlementState positive, SettlementState hedge, ExposureReason reason)
    {
        var then = Placed.When(Settlement(positive, hedge), KickOff);

        then.ThenEmitted(typeof(SettlementPolled), typeof(ExposureRaised)).ThenDidNot<WakeAt>();
        var outcome = then.ThenExposed(reason);
        Assert.Equal((positive, hedge), (outcome.Positive!.Settlement, outcome.Hedge!.Settlement));
        Assert.Equal((100m, 2.10m, Happened.HedgeStake, 2.05m),
            (outcome.Positive.AcceptedStake!.Value, outcome.Positive.AcceptedOdds!.Value, outcome.Hedge.AcceptedStake!.Value, outcome.Hedge.AcceptedOdds!.Value));
    }

    [Fact]
    public void The_poll_limit_is_reached_after_exactly_the_maximum_number_of_polls()
    {
        var then = Placed.When(Wake, KickOff);
        var polls = 0;
        var at = KickOff;
        while (true)
        {
            Assert.Single(then.Effects.OfType<PollSettlement>());
            polls++;
            then = then.AndWhen(Settlement(Pending, Pending), at);
            if (then.State.Status.IsTerminal()) break;
            Assert.True(polls < 1000, "the pair never stopped polling");
            at = then.ThenWakesAt();
            then = then.AndWhen(Wake, at);
        }

        Assert.Equal(PairSettings.Default.MaxSettlementPolls, polls);
        Assert.Equal(120, polls);
        Assert.Equal(120, then.ThenEmitted<SettlementPolled>().Poll);
        then.ThenExposed(ExposureReason.PollLimitReached);
    }

    [Fact]
    public void Legs_that_become_final_on_the_last_allowed_poll_are_classified_not_timed_out()
    {
        var settings = PairSettings.Default with { MaxSettlementPolls = 2 };
        var then = Placed.Using(settings).When(Settlement(Pending, Pending), KickOff).AndWhen(Settlement(Won, Lost), KickOff.AddSeconds(30));

        then.ThenFinishedWith<PairOutcome.Settled>();
    }

    [Fact]
    public void A_leg_still_pending_at_the_poll_limit_raises_poll_limit_with_what_is_known()
    {
        var settings = PairSettings.Default with { MaxSettlementPolls = 2 };
        var then = Placed.Using(settings).When(Settlement(Won, Pending), KickOff).AndWhen(Settlement(null, Pending), KickOff.AddSeconds(30));

        var outcome = then.ThenExposed(ExposureReason.PollLimitReached);
        Assert.Equal((Won, Pending), (outcome.Positive!.Settlement, outcome.Hedge!.Settlement));
    }
}
