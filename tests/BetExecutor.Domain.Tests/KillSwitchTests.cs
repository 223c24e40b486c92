using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.KillSwitch;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>The global kill switch in the domain: its own decisions, and the checks before a signal and before a positive intent.</summary>
public class KillSwitchTests
{
    [Fact]
    public void Halt_all_and_resume_all_need_a_reason_change_something_and_name_the_operator()
    {
        var off = KillSwitchState.Initial;

        Assert.IsType<KillSwitchDecision.Refuse>(off.DecideHaltAll(" ", "ops", At(0)));
        Assert.IsType<KillSwitchDecision.Refuse>(off.DecideResumeAll("why", "ops", At(0)));
        var on = Assert.IsType<GlobalHaltSwitchedOn>(Assert.IsType<KillSwitchDecision.Record>(off.DecideHaltAll(" outage ", "ops", At(1))).Event);
        var halted = off.Apply(on);
        Assert.Equal((true, "outage", "ops", At(1)), (halted.Halted, halted.Reason, halted.By, halted.At));
        Assert.Equal(KillSwitchState.Subject, on.Meta.IdentityKey);
        Assert.Contains("already on", Assert.IsType<KillSwitchDecision.Refuse>(halted.DecideHaltAll("again", "ben", At(2))).Reason);
        var resumed = halted.Apply(Assert.IsType<KillSwitchDecision.Record>(halted.DecideResumeAll("back", "ben", At(3))).Event);
        Assert.Equal((false, "back", "ben"), (resumed.Halted, resumed.Reason, resumed.By));
    }

    [Fact]
    public void A_signal_is_refused_halted_globally_with_the_switchs_reason_before_any_other_control_but_a_duplicate()
    {
        var halted = Account.Given().DecideSignal(ASignal(), At(0), AccountSettings.Default, IdentityPolicies.Unlimited,
            globalHalt: "the global kill switch is on since ... by ops: outage", receivedAt: null);

        Assert.Equal(DenialReason.HaltedGlobally, halted.DeniedFor());
        Assert.Contains("by ops: outage", Assert.IsType<SignalDecision.Deny>(halted).Event.Detail);
    }

    [Fact]
    public void A_pair_that_would_record_its_positive_while_the_switch_is_on_places_nothing_and_ends_with_nothing_standing()
    {
        var then = PairSpec.Given().When(new StartPair(ASignal(), At(0), StartBy: At(10), GlobalHalt: "the global kill switch is on"), At(1));

        var abandoned = Assert.IsType<PairAbandoned>(Assert.Single(then.Events));
        Assert.Equal(AbandonReason.HaltedGlobally, abandoned.Reason);
        Assert.DoesNotContain(then.Effects, e => e is PlaceLeg);
        Assert.Equal(NothingStandsReason.HaltedGlobally, Assert.IsType<PairOutcome.NothingStands>(then.State.Outcome).Reason);
        Assert.Equal("halted-globally", NothingStandsReason.HaltedGlobally.Code());
    }
}
