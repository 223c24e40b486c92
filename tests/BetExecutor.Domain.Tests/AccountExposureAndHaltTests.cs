using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

public class AccountExposureAndHaltTests
{
    private static readonly AccountSettings Settings = AccountSettings.Default;

    private static AccountState InFlight(string pairId = PairId, double at = 0) => Account.Given(Account.Accepted(pairId, At(at)));

    [Fact]
    public void An_exposure_is_recorded_for_manual_review_without_auto_rebet_and_expires_after_the_configured_time()
    {
        var events = InFlight().OnPairFinished(PairId, Account.ExposureOutcome(), At(30), Settings);

        Assert.Equal([typeof(PairFinished), typeof(ExposureOpened)], events.Select(e => e.GetType()));
        var exposure = Assert.IsType<ExposureOpened>(events[1]).Exposure;
        Assert.True(exposure.ManualReview);
        Assert.False(exposure.AutoRebet);
        Assert.Equal(At(30), exposure.RaisedAt);
        Assert.Equal(At(30) + TimeSpan.FromHours(24), exposure.ExpiresAt);
        Assert.Equal((PairId, Soft.Key, ExposureReason.Unhedged), (exposure.PairId, exposure.IdentityKey, exposure.Reason));
        Assert.Equal(Account.Leg(Soft), exposure.Positive);
        Assert.Equal(Account.Leg(Sharp), exposure.Hedge);
        Assert.Contains("closed", exposure.Detail);
    }

    [Fact]
    public void The_exposure_expiry_is_configurable()
    {
        var events = InFlight().OnPairFinished(PairId, Account.ExposureOutcome(), At(30), Settings with { ExposureExpiry = TimeSpan.FromHours(2) });

        Assert.Equal(At(30) + TimeSpan.FromHours(2), Assert.IsType<ExposureOpened>(events[1]).Exposure.ExpiresAt);
    }

    [Theory]
    [InlineData(PairOutcome.Settled.StableCode)]
    [InlineData(PairOutcome.NothingStands.StableCode)]
    public void A_pair_that_ends_without_exposure_opens_none(string outcomeCode)
    {
        var state = InFlight();
        var outcome = new[] { Account.SettledOutcome, Account.NothingStandsOutcome }.Single(o => o.Code == outcomeCode);
        var events = state.OnPairFinished(PairId, outcome, At(30), Settings);

        Assert.IsType<PairFinished>(Assert.Single(events));
        Assert.Empty(state.Then(events).Exposures);
    }

    [Fact]
    public void An_exposure_never_touches_the_cooldown()
    {
        var state = InFlight(at: 0);
        state = state.Then(state.OnPairFinished(PairId, Account.ExposureOutcome(), At(30), Settings));

        Assert.Equal(At(60), state.CooldownUntil);
    }

    [Fact]
    public void Resolving_an_exposure_does_not_end_the_cooldown()
    {
        var state = InFlight(at: 0);
        state = state.Then(state.OnPairFinished(PairId, Account.ExposureOutcome(), At(10), Settings));
        state = state.Then(Assert.IsType<OperatorDecision.Record>(state.DecideResolveExposure(PairId, "hedged by hand", "ops", At(20))).Events);

        Assert.Equal(DenialReason.Cooldown, state.DecideSignal(ASignal(id: "sig-2"), At(30), Settings, haltedGlobally: false).DeniedFor());
    }

    [Fact]
    public void An_open_exposure_blocks_new_signals_and_says_until_when()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));

        var deny = Assert.IsType<SignalDecision.Deny>(state.DecideSignal(ASignal(), At(3600), Settings, haltedGlobally: false));

        Assert.Equal(DenialReason.ExposureOpen, deny.Event.Reason);
        Assert.Contains("sig-0", deny.Event.Detail);
        Assert.Contains(At(0).AddHours(24).ToString("O"), deny.Event.Detail);
    }

    [Fact]
    public void An_open_exposure_does_not_block_when_the_identity_is_configured_not_to()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));

        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(), At(3600), Settings with { ExposureBlocksIdentity = false }, haltedGlobally: false));
    }

    [Fact]
    public void An_exposure_expires_after_its_expiry_stops_blocking_and_stays_on_record()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));
        var expiry = At(0).AddHours(24);
        var exposure = state.Exposures["sig-0"];

        Assert.Equal(ExposureStatus.Open, exposure.StatusAt(expiry.AddTicks(-1)));
        Assert.Equal(ExposureStatus.Expired, exposure.StatusAt(expiry));
        Assert.Empty(state.OpenExposures(expiry));
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(startsAt: expiry.AddHours(1)), expiry, Settings, haltedGlobally: false));
        Assert.Same(exposure, state.Exposures["sig-0"]);
    }

    [Fact]
    public void A_resolved_exposure_stops_blocking_and_stays_on_record_with_its_resolution()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));

        var record = Assert.IsType<OperatorDecision.Record>(state.DecideResolveExposure("sig-0", "  hedged by hand  ", "ops@desk", At(100)));
        state = state.Then(record.Events);

        var exposure = state.Exposures["sig-0"];
        Assert.Equal(ExposureStatus.Resolved, exposure.StatusAt(At(101)));
        Assert.Equal((At(100), "hedged by hand", "ops@desk"), (exposure.ResolvedAt!.Value, exposure.Resolution!, exposure.ResolvedBy!));
        Assert.Equal(ExposureReason.BothLost, exposure.Reason);
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(), At(101), Settings, haltedGlobally: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolving_an_exposure_needs_a_reason(string reason)
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));

        Assert.IsType<OperatorDecision.Refuse>(state.DecideResolveExposure("sig-0", reason, "ops", At(100)));
    }

    [Fact]
    public void Resolving_an_unknown_exposure_is_refused()
    {
        Assert.IsType<OperatorDecision.Refuse>(Account.Given().DecideResolveExposure("sig-0", "done", "ops", At(100)));
    }

    [Fact]
    public void Resolving_an_exposure_twice_is_refused_and_the_first_resolution_stands()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));
        state = state.Then(Assert.IsType<OperatorDecision.Record>(state.DecideResolveExposure("sig-0", "first", "ops", At(100))).Events);

        Assert.IsType<OperatorDecision.Refuse>(state.DecideResolveExposure("sig-0", "second", "ops", At(200)));
        Assert.Equal("first", state.Exposures["sig-0"].Resolution);
    }

    [Fact]
    public void An_expired_exposure_can_still_be_resolved()
    {
        var state = Account.Given(Account.ExposureOpened("sig-0", At(0)));

        Assert.IsType<OperatorDecision.Record>(state.DecideResolveExposure("sig-0", "checked", "ops", At(0).AddDays(3)));
    }

    [Fact]
    public void Applying_a_resolution_of_an_unknown_exposure_is_an_impossible_history()
    {
        var resolution = new ExposureResolved("sig-0", "done", "ops") { Meta = new(At(1), Soft.Key, "sig-0") };

        Assert.Throws<InvalidOperationException>(() => Account.Given().Apply(resolution));
    }

    [Fact]
    public void A_halted_identity_takes_no_signal_and_says_who_halted_it_and_why()
    {
        var state = Account.Given();
        state = state.Then(Assert.IsType<OperatorDecision.Record>(state.DecideHalt(" odd prices ", "ops@desk", At(1))).Events);

        var deny = Assert.IsType<SignalDecision.Deny>(state.DecideSignal(ASignal(), At(2), Settings, haltedGlobally: false));

        Assert.Equal(DenialReason.Halted, deny.Event.Reason);
        Assert.Contains("odd prices", deny.Event.Detail);
        Assert.Contains("ops@desk", deny.Event.Detail);
        Assert.Equal(new HaltState("odd prices", "ops@desk", At(1)), state.Halt);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_halt_needs_a_reason(string reason)
    {
        Assert.IsType<OperatorDecision.Refuse>(Account.Given().DecideHalt(reason, "ops", At(1)));
    }

    [Fact]
    public void A_resumed_identity_takes_signals_again()
    {
        var state = Account.Given(Account.Halted(At(1)));
        state = state.Then(Assert.IsType<OperatorDecision.Record>(state.DecideResume("prices fixed", "ops", At(2))).Events);

        Assert.Null(state.Halt);
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(), At(3), Settings, haltedGlobally: false));
    }

    [Fact]
    public void Resuming_an_identity_that_is_not_halted_is_refused()
    {
        Assert.IsType<OperatorDecision.Refuse>(Account.Given().DecideResume("why not", "ops", At(1)));
    }

    [Fact]
    public void A_halt_does_not_stop_the_pairs_already_in_flight_from_reporting()
    {
        var state = InFlight().Then([Account.Halted(At(1))]);

        Assert.Single(state.OnPairHedged(PairId, At(2)));
        Assert.Equal(2, state.OnPairFinished(PairId, Account.ExposureOutcome(), At(3), Settings).Count);
    }

    [Fact]
    public void A_hedged_pair_frees_the_executing_slot_while_it_stays_in_flight()
    {
        var state = InFlight(at: 0);
        state = state.Then(state.OnPairHedged(PairId, At(5)));

        Assert.Null(state.ExecutingPairId);
        Assert.True(state.InFlight[PairId].Hedged);
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(id: "sig-2"), At(60), Settings, haltedGlobally: false));
    }

    [Fact]
    public void An_unhedged_pair_keeps_the_identity_busy_after_the_cooldown()
    {
        var state = InFlight(at: 0);

        Assert.Equal(DenialReason.PairExecuting, state.DecideSignal(ASignal(id: "sig-2"), At(600), Settings, haltedGlobally: false).DeniedFor());
    }

    [Fact]
    public void A_pair_that_finishes_without_a_hedge_frees_the_executing_slot()
    {
        var state = InFlight(at: 0);
        state = state.Then(state.OnPairFinished(PairId, Account.NothingStandsOutcome, At(1), Settings));

        Assert.Null(state.ExecutingPairId);
        Assert.Empty(state.InFlight);
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(id: "sig-2"), At(60), Settings, haltedGlobally: false));
    }

    [Fact]
    public void Reporting_hedged_again_changes_nothing()
    {
        var state = InFlight();
        state = state.Then(state.OnPairHedged(PairId, At(5)));

        Assert.Empty(state.OnPairHedged(PairId, At(6)));
        Assert.Empty(Account.Given().OnPairHedged("unknown", At(6)));
    }

    [Fact]
    public void Reporting_finished_again_changes_nothing_and_opens_no_second_exposure()
    {
        var state = InFlight();
        state = state.Then(state.OnPairFinished(PairId, Account.ExposureOutcome(), At(30), Settings));
        var first = state.Exposures[PairId];

        Assert.Empty(state.OnPairFinished(PairId, Account.ExposureOutcome(ExposureReason.BothWon), At(40), Settings));
        Assert.Empty(state.OnPairHedged(PairId, At(40)));
        Assert.Same(first, state.Exposures[PairId]);
    }

    [Fact]
    public void A_cooldown_of_one_identity_never_affects_another()
    {
        var bob = Identity.Create("sportsbook", "brand-a", "bob");
        var alice = Account.Given();
        var bobs = Account.GivenFor(bob);

        (_, alice) = alice.Receive(ASignal(), At(0));
        var (decision, _) = bobs.Receive(ASignal(identity: bob), At(1));

        Assert.IsType<SignalDecision.Accept>(decision);
        Assert.True(alice.InCooldown(At(1)));
        Assert.False(bobs.InCooldown(At(1)));
    }

    [Fact]
    public void Identities_differing_only_in_whitelabel_share_nothing()
    {
        var otherBrand = Identity.Create("sportsbook", "brand-b", "alice");
        var alice = Account.Given(Account.Accepted(PairId, At(0)), Account.ExposureOpened("sig-0", At(0)), Account.Halted(At(0)));

        var (decision, _) = Account.GivenFor(otherBrand).Receive(ASignal(identity: otherBrand), At(1));

        Assert.IsType<SignalDecision.Accept>(decision);
        Assert.Equal(DenialReason.InvalidSignal, alice.DecideSignal(ASignal(id: "sig-9", identity: otherBrand), At(1), Settings, false).DeniedFor());
    }

    [Fact]
    public void Exposure_reason_codes_are_stable_and_distinct()
    {
        var codes = Enum.GetValues<ExposureReason>().Select(r => r.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal("unhedged", ExposureReason.Unhedged.Code());
        Assert.Equal("poll-limit", ExposureReason.PollLimitReached.Code());
    }
}

/// <summary>Exposures that halt their identity: the venue lied, or the pair could not be run at all.</summary>
public class AccountHaltingExposureTests
{
    private static readonly AccountSettings Settings = AccountSettings.Default;

    private static AccountState InFlight() => Account.Given(Account.Accepted(PairId, At(0)));

    [Theory]
    [InlineData(ExposureReason.VenueAnomaly)]
    [InlineData(ExposureReason.PairFailed)]
    public void An_exposure_that_distrusts_the_venue_or_the_pair_halts_the_identity(ExposureReason reason)
    {
        var events = InFlight().OnPairFinished(PairId, Account.ExposureOutcome(reason), At(30), Settings);

        Assert.Equal([typeof(PairFinished), typeof(ExposureOpened), typeof(IdentityHalted)], events.Select(e => e.GetType()));
        var halted = Assert.IsType<IdentityHalted>(events[2]);
        Assert.Equal(AccountState.ExecutorActor, halted.By);
        Assert.StartsWith(reason.Code(), halted.Reason);
        var state = InFlight().Then(events);
        // Halted even where exposures are configured not to block.
        var decision = state.DecideSignal(ASignal(id: "sig-2"), At(3600), Settings with { ExposureBlocksIdentity = false }, haltedGlobally: false);
        Assert.Equal(DenialReason.Halted, decision.DeniedFor());
    }

    [Theory]
    [InlineData(ExposureReason.Unhedged)]
    [InlineData(ExposureReason.HedgeShort)]
    [InlineData(ExposureReason.BothLost)]
    public void Other_exposures_do_not_halt(ExposureReason reason)
    {
        var events = InFlight().OnPairFinished(PairId, Account.ExposureOutcome(reason), At(30), Settings);

        Assert.DoesNotContain(events, e => e is IdentityHalted);
    }

    [Fact]
    public void An_identity_already_halted_keeps_its_first_halt()
    {
        var state = Account.Given(Account.Accepted(PairId, At(0)), Account.Halted(At(1)));

        var events = state.OnPairFinished(PairId, Account.ExposureOutcome(ExposureReason.VenueAnomaly), At(30), Settings);

        Assert.Equal([typeof(PairFinished), typeof(ExposureOpened)], events.Select(e => e.GetType()));
        Assert.Equal("odd prices", state.Then(events).Halt!.Reason);
    }

    [Fact]
    public void A_pair_that_failed_repeatedly_ends_as_a_pair_failed_exposure_naming_both_client_references()
    {
        var events = InFlight().OnPairFailedRepeatedly(PairId, 4, "OverflowException: too big", At(40), Settings);

        var exposure = Assert.IsType<ExposureOpened>(events[1]).Exposure;
        Assert.Equal(ExposureReason.PairFailed, exposure.Reason);
        Assert.Equal(Happened.PositiveRef.Value, exposure.Positive.ClientReference);
        Assert.Equal(Happened.HedgeRef.Value, exposure.Hedge.ClientReference);
        Assert.Equal((Soft.Key, Sharp.Key), (exposure.Positive.IdentityKey, exposure.Hedge.IdentityKey));
        Assert.Null(exposure.Positive.BetId); // the account does not know what was placed: an operator looks it up
        Assert.Contains("4 time(s)", exposure.Detail);
        Assert.Contains("OverflowException", exposure.Detail);
        Assert.IsType<IdentityHalted>(events[2]);
        var state = InFlight().Then(events);
        Assert.Empty(state.InFlight); // it is never restarted again
    }

    [Fact]
    public void A_pair_no_longer_in_flight_cannot_fail_again()
    {
        Assert.Empty(AccountState.Initial(Soft).OnPairFailedRepeatedly(PairId, 4, "x", At(40), Settings));
    }

    [Fact]
    public void Outcome_and_reason_codes_are_stable_and_distinct()
    {
        Assert.Equal(["settled", "rejected", "exposure"],
            new PairOutcome[] { Account.SettledOutcome, Account.NothingStandsOutcome, Account.ExposureOutcome() }.Select(o => o.Code));
        var nothing = Enum.GetValues<NothingStandsReason>().Select(r => r.Code()).ToList();
        Assert.Equal(nothing.Count, nothing.Distinct().Count());
        Assert.Equal("not-found-after-window", NothingStandsReason.PositiveNotFound.Code());
        Assert.Equal("stale-signal", NothingStandsReason.StaleSignal.Code());
        Assert.All(Enum.GetValues<AbandonReason>(), r => Assert.Equal(r.Code(), r.AsNothingStands().Code()));
        Assert.Equal(("venue-anomaly", "pair-failed"), (ExposureReason.VenueAnomaly.Code(), ExposureReason.PairFailed.Code()));
    }
}
