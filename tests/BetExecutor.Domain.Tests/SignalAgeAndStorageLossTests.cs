using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>Issue 8 items 2 and 3 in the domain: the age of a signal from its receipt, and an identity that lost its storage.</summary>
public class SignalAgeAndStorageLossTests
{
    private static readonly AccountSettings Settings = AccountSettings.Default with { MaxSignalAge = TimeSpan.FromSeconds(10) };

    [Fact]
    public void A_signal_reaching_its_account_later_than_max_signal_age_after_receipt_is_refused_as_too_old()
    {
        var decision = Account.Given().DecideSignal(ASignal(), At(10.001), Settings, IdentityPolicies.Unlimited, haltedGlobally: false, receivedAt: At(0));

        Assert.Equal(DenialReason.SignalTooOld, decision.DeniedFor());
        Assert.Equal("signal-too-old", DenialReason.SignalTooOld.Code());
    }

    [Fact]
    public void A_signal_within_max_signal_age_is_accepted_and_its_pair_must_start_by_receipt_plus_the_age()
    {
        var (decision, state) = (Account.Given().DecideSignal(ASignal(), At(9), Settings, IdentityPolicies.Unlimited, haltedGlobally: false, receivedAt: At(1)), (AccountState?)null);
        var accepted = Assert.IsType<SignalDecision.Accept>(decision).Event;
        state = Account.Given().Then([accepted]);

        Assert.Equal(At(1), accepted.ReceivedAt);
        Assert.Equal(At(11), state.InFlight[PairId].StartBy(Settings));
    }

    [Fact]
    public void A_pair_that_gets_to_start_after_its_start_by_instant_places_nothing_and_ends_rejected()
    {
        var then = PairSpec.Given().When(new StartPair(ASignal(), At(0), StartBy: At(10)), At(10.5));

        var abandoned = Assert.IsType<PairAbandoned>(Assert.Single(then.Events));
        Assert.Equal(AbandonReason.SignalTooOld, abandoned.Reason);
        Assert.DoesNotContain(then.Effects, e => e is PlaceLeg);
        Assert.Equal(NothingStandsReason.SignalTooOld, Assert.IsType<PairOutcome.NothingStands>(then.State.Outcome).Reason);
    }

    [Fact]
    public void A_pair_started_in_time_records_its_positive_intent()
    {
        var then = PairSpec.Given().When(new StartPair(ASignal(), At(0), StartBy: At(10)), At(10));

        Assert.IsType<PositiveIntentRecorded>(Assert.Single(then.Events));
        Assert.Contains(then.Effects, e => e is PlaceLeg);
    }

    [Fact]
    public void A_retry_of_a_signal_whose_pair_placed_nothing_hears_how_the_pair_ended()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        state = state.Then([Account.Finished(PairId, At(16), Account.NothingStandsOutcome)]);

        var duplicate = Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(ASignal(), At(30), Settings, haltedGlobally: false));

        Assert.True(duplicate.First.Accepted);
        Assert.IsType<PairOutcome.NothingStands>(duplicate.First.PairEnded);
    }

    [Fact]
    public void Storage_loss_halts_the_identity_and_keeps_its_cooldown_and_seen_ids()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));

        state = state.Apply(state.HaltForStorageLoss("history went backwards", At(6)));

        Assert.Equal(AccountState.StorageGuard, state.Halt?.By);
        Assert.Equal(At(65), state.CooldownUntil);
        Assert.True(state.Seen.ContainsKey(PairId));
        Assert.Equal(DenialReason.Halted, state.DecideSignal(ASignal(id: "sig-2"), At(100), Settings, haltedGlobally: false).DeniedFor());
    }

    [Fact]
    public void A_pair_in_flight_when_storage_is_lost_becomes_an_open_storage_lost_exposure_with_what_the_venue_holds()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        var positive = Account.Leg(Soft);
        var hedge = new LegSnapshot(Sharp.Key, "ref-h", 0m, 2.0m, null, null, null, null);

        state = state.Apply(state.StorageLostExposure(PairId, positive, hedge, "positive held, hedge not found", At(7), Settings, dryRun: false));

        var exposure = state.Exposures[PairId];
        Assert.Equal(ExposureReason.StorageLost, exposure.Reason);
        Assert.Equal("storage-lost", exposure.Reason.Code());
        Assert.Equal(ExposureStatus.Open, exposure.StatusAt(At(8)));
        Assert.Contains("positive held, hedge not found", exposure.Detail);
    }
}
