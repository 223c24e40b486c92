using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>What an ingress reports for a signal id: its first decision and where its pair stands.</summary>
public class SignalStandingTests
{
    [Fact]
    public void A_signal_id_the_identity_never_saw_has_no_standing()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));

        Assert.Null(state.StandingOf("never-sent"));
    }

    [Fact]
    public void An_accepted_signal_is_in_flight_until_its_pair_finishes_then_settled()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));

        var running = state.StandingOf(PairId)!;
        Assert.Equal((PairStanding.InFlight, false, true), (running.Pair, running.Hedged, running.Verdict.Accepted));

        state = state.Then([Account.Hedged(PairId, At(6))]);
        Assert.Equal((PairStanding.InFlight, true), (state.StandingOf(PairId)!.Pair, state.StandingOf(PairId)!.Hedged));

        state = state.Then([Account.Finished(PairId, At(7))]);
        var settled = state.StandingOf(PairId)!;
        Assert.Equal(PairStanding.Settled, settled.Pair);
        Assert.Equal(Account.SettledOutcome, settled.Verdict.PairEnded);
    }

    [Fact]
    public void A_denied_signal_stands_rejected_with_its_reason()
    {
        var (_, state) = Account.Given(Account.Accepted("sig-0", At(0))).Receive(ASignal(), At(5));

        var standing = state.StandingOf(PairId)!;

        Assert.Equal(PairStanding.Rejected, standing.Pair);
        Assert.Equal(DenialReason.Cooldown, standing.Verdict.Reason);
    }

    [Fact]
    public void A_pair_that_placed_nothing_stands_as_nothing_stands_with_its_reason()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        state = state.Then([Account.Finished(PairId, At(7), Account.NothingStandsOutcome)]);

        var standing = state.StandingOf(PairId)!;

        Assert.Equal((PairStanding.NothingStands, NothingStandsReason.PositiveRejectedPermanently), (standing.Pair, standing.NothingStandsReason));
    }

    [Fact]
    public void An_exposed_pair_stands_as_an_exposure_with_its_reason_even_before_its_finish_is_recorded()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        var opened = state.Then([Account.ExposureOpened(PairId, At(7))]);
        var finished = state.Then([Account.Finished(PairId, At(7), Account.ExposureOutcome(ExposureReason.Unhedged))]);

        Assert.Equal((PairStanding.Exposure, ExposureReason.BothLost), (opened.StandingOf(PairId)!.Pair, opened.StandingOf(PairId)!.ExposureReason));
        Assert.Equal((PairStanding.Exposure, ExposureReason.Unhedged), (finished.StandingOf(PairId)!.Pair, finished.StandingOf(PairId)!.ExposureReason));
    }

    [Fact]
    public void Every_standing_has_its_own_stable_code()
    {
        var codes = Enum.GetValues<PairStanding>().Select(s => s.Code()).ToList();

        Assert.Equal(["rejected", "in-flight", "settled", "exposure", "nothing-stands"], codes);
    }
}
