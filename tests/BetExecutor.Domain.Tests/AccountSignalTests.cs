using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

public class AccountSignalTests
{
    private static readonly AccountSettings Settings = AccountSettings.Default;

    [Fact]
    public void A_signal_that_passes_every_control_is_accepted_and_starts_the_cooldown_at_acceptance()
    {
        var decision = Account.Given().DecideSignal(ASignal(), At(5), Settings, haltedGlobally: false);

        var accepted = Assert.IsType<SignalDecision.Accept>(decision).Event;
        Assert.Equal(At(5) + TimeSpan.FromSeconds(60), accepted.CooldownUntil);
        Assert.Equal(ASignal(), accepted.Signal);
        Assert.Equal((At(5), Soft.Key, PairId), (accepted.Meta.At, accepted.Meta.IdentityKey, accepted.Meta.PairId));
    }

    [Fact]
    public void An_accepted_signal_is_in_flight_executing_and_seen()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));

        Assert.Equal(At(65), state.CooldownUntil);
        Assert.Equal(PairId, state.ExecutingPairId);
        Assert.False(state.InFlight[PairId].Hedged);
        Assert.True(state.Seen[PairId].Accepted);
    }

    [Fact]
    public void A_duplicate_of_an_accepted_signal_returns_the_first_verdict_and_records_nothing()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        state = state.Then([Account.Hedged(PairId, At(6)), Account.Finished(PairId, At(7))]);

        var duplicate = Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(ASignal(), At(500), Settings, haltedGlobally: false));

        // The first decision, and how its pair ended: a retry hears the whole truth.
        Assert.Equal(new SignalVerdict(PairId, true, null, "executed", At(5), Account.SettledOutcome), duplicate.First);
    }

    [Fact]
    public void A_duplicate_of_a_denied_signal_returns_the_first_denial_even_when_the_control_has_passed()
    {
        var (first, state) = Account.Given(Account.Accepted("sig-0", At(0))).Receive(ASignal(), At(5));
        Assert.Equal(DenialReason.Cooldown, first.DeniedFor());

        var duplicate = Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(ASignal(), At(500), Settings, haltedGlobally: false));

        Assert.False(duplicate.First.Accepted);
        Assert.Equal(DenialReason.Cooldown, duplicate.First.Reason);
        Assert.Equal(At(5), duplicate.First.At);
    }

    [Fact]
    public void A_duplicate_wins_over_every_other_control()
    {
        var (_, state) = Account.Given().Receive(ASignal(), At(5));
        state = state.Then([Account.Halted(At(6))]);

        Assert.IsType<SignalDecision.Duplicate>(state.DecideSignal(ASignal(), At(7), Settings, haltedGlobally: true));
    }

    [Fact]
    public void A_malformed_signal_is_denied_as_invalid_naming_the_field_and_is_not_recorded()
    {
        var (decision, state) = Account.Given().Receive(ASignal(stake: 0m), At(5));

        var deny = Assert.IsType<SignalDecision.Deny>(decision);
        Assert.Equal(DenialReason.InvalidSignal, deny.Event.Reason);
        Assert.Contains("positive.stake", deny.Event.Detail);
        Assert.False(deny.Persist);
        Assert.Empty(state.Seen);
        Assert.Null(state.CooldownUntil);
    }

    [Fact]
    public void A_signal_for_another_identity_is_denied_as_invalid_and_not_recorded()
    {
        var bob = Identity.Create("sportsbook", "brand-a", "bob");

        var deny = Assert.IsType<SignalDecision.Deny>(Account.Given().DecideSignal(ASignal(identity: bob), At(5), Settings, haltedGlobally: false));

        Assert.Equal(DenialReason.InvalidSignal, deny.Event.Reason);
        Assert.False(deny.Persist);
    }

    public enum Control { HaltedGlobally, Halted, ExposureOpen, Cooldown, PairExecuting, SignalExpired, EventStarted }

    private static readonly DateTimeOffset Now = At(1000);

    /// <summary>An account and a signal on which every control from <paramref name="first"/> on would refuse.</summary>
    private static (AccountState State, Signal Signal, bool HaltedGlobally) RefusedFrom(Control first)
    {
        var on = Enum.GetValues<Control>().Where(c => c >= first).ToHashSet();
        var history = new List<Accounts.AccountEvent>();
        if (on.Contains(Control.Halted)) history.Add(Account.Halted(At(900)));
        if (on.Contains(Control.ExposureOpen)) history.Add(Account.ExposureOpened("sig-x", At(900)));
        if (on.Contains(Control.Cooldown))
            history.AddRange([Account.Accepted("sig-c", At(990)), Account.Hedged("sig-c", At(991))]);
        if (on.Contains(Control.PairExecuting)) history.Add(Account.Accepted("sig-e", At(100)));
        var signal = ASignal(
            expiresAt: on.Contains(Control.SignalExpired) ? Now : null,
            startsAt: on.Contains(Control.EventStarted) ? Now : null);
        return (Account.Given([.. history]), signal, on.Contains(Control.HaltedGlobally));
    }

    [Theory]
    [InlineData(Control.HaltedGlobally, DenialReason.HaltedGlobally)]
    [InlineData(Control.Halted, DenialReason.Halted)]
    [InlineData(Control.ExposureOpen, DenialReason.ExposureOpen)]
    [InlineData(Control.Cooldown, DenialReason.Cooldown)]
    [InlineData(Control.PairExecuting, DenialReason.PairExecuting)]
    [InlineData(Control.SignalExpired, DenialReason.SignalExpired)]
    [InlineData(Control.EventStarted, DenialReason.EventStarted)]
    public void The_first_control_in_the_documented_order_decides_the_denial(Control first, DenialReason reason)
    {
        var (state, signal, haltedGlobally) = RefusedFrom(first);

        var deny = Assert.IsType<SignalDecision.Deny>(state.DecideSignal(signal, Now, Settings, haltedGlobally));

        Assert.Equal(reason, deny.Event.Reason);
        Assert.True(deny.Persist);
        Assert.Equal(signal.SignalId, deny.Event.SignalId);
    }

    [Theory]
    [InlineData(Control.HaltedGlobally, DenialReason.HaltedGlobally)]
    [InlineData(Control.Halted, DenialReason.Halted)]
    [InlineData(Control.ExposureOpen, DenialReason.ExposureOpen)]
    [InlineData(Control.Cooldown, DenialReason.Cooldown)]
    [InlineData(Control.PairExecuting, DenialReason.PairExecuting)]
    [InlineData(Control.SignalExpired, DenialReason.SignalExpired)]
    [InlineData(Control.EventStarted, DenialReason.EventStarted)]
    public void Each_control_alone_denies_the_signal_with_its_reason(Control only, DenialReason reason)
    {
        var (state, signal, haltedGlobally) = OnlyThis(only);

        Assert.Equal(reason, state.DecideSignal(signal, Now, Settings, haltedGlobally).DeniedFor());
    }

    private static (AccountState, Signal, bool) OnlyThis(Control control) => control switch
    {
        Control.HaltedGlobally => (Account.Given(), ASignal(), true),
        Control.Halted => (Account.Given(Account.Halted(At(900))), ASignal(), false),
        Control.ExposureOpen => (Account.Given(Account.ExposureOpened("sig-x", At(900))), ASignal(), false),
        Control.Cooldown => (Account.Given(Account.Accepted("sig-c", At(990)), Account.Hedged("sig-c", At(991))), ASignal(), false),
        Control.PairExecuting => (Account.Given(Account.Accepted("sig-e", At(100))), ASignal(), false),
        Control.SignalExpired => (Account.Given(), ASignal(expiresAt: Now), false),
        _ => (Account.Given(), ASignal(startsAt: Now), false),
    };

    [Fact]
    public void A_cooldown_denial_says_until_when()
    {
        var state = Account.Given(Account.Accepted("sig-0", At(0)));

        var deny = Assert.IsType<SignalDecision.Deny>(state.DecideSignal(ASignal(), At(30), Settings, haltedGlobally: false));

        Assert.Equal(DenialReason.Cooldown, deny.Event.Reason);
        Assert.Contains(At(60).ToString("O"), deny.Event.Detail);
    }

    [Fact]
    public void The_cooldown_ends_exactly_at_its_until_time()
    {
        var state = Account.Given(Account.Accepted("sig-0", At(0)), Account.Finished("sig-0", At(1)));

        Assert.True(state.InCooldown(At(59.999)));
        Assert.False(state.InCooldown(At(60)));
        Assert.IsType<SignalDecision.Accept>(state.DecideSignal(ASignal(), At(60), Settings, haltedGlobally: false));
    }

    [Fact]
    public void The_cooldown_uses_the_configured_length()
    {
        var settings = Settings with { Cooldown = TimeSpan.FromSeconds(5) };

        var accepted = Assert.IsType<SignalDecision.Accept>(Account.Given().DecideSignal(ASignal(), At(10), settings, haltedGlobally: false));

        Assert.Equal(At(15), accepted.Event.CooldownUntil);
    }

    [Fact]
    public void A_cooldown_is_never_shortened()
    {
        var state = Account.Given(Account.Accepted("sig-0", At(0), cooldownUntil: At(120)), Account.Accepted("sig-1", At(10), cooldownUntil: At(70)));

        Assert.Equal(At(120), state.CooldownUntil);
    }

    [Fact]
    public void A_cooldown_is_restored_from_its_absolute_expiry_not_restarted()
    {
        var history = new Accounts.AccountEvent[] { Account.Accepted("sig-0", At(0)) };

        // However late the account is rebuilt, the cooldown ends when the event says.
        Assert.Equal(At(60), Account.Given(history).CooldownUntil);
        Assert.False(Account.Given(history).InCooldown(At(61)));
    }

    [Fact]
    public void A_pre_match_signal_is_denied_once_the_event_has_started()
    {
        var deny = Account.Given().DecideSignal(ASignal(startsAt: At(10)), At(10), Settings, haltedGlobally: false);

        Assert.Equal(DenialReason.EventStarted, deny.DeniedFor());
    }

    [Fact]
    public void An_in_play_signal_is_accepted_after_the_event_has_started()
    {
        Assert.IsType<SignalDecision.Accept>(Account.Given().DecideSignal(ASignal(startsAt: At(10), inPlay: true), At(20), Settings, haltedGlobally: false));
    }

    [Fact]
    public void A_signal_is_denied_from_the_instant_it_expires()
    {
        Assert.IsType<SignalDecision.Accept>(Account.Given().DecideSignal(ASignal(expiresAt: At(10)), At(9.999), Settings, haltedGlobally: false));
        Assert.Equal(DenialReason.SignalExpired, Account.Given().DecideSignal(ASignal(expiresAt: At(10)), At(10), Settings, haltedGlobally: false).DeniedFor());
    }

    [Fact]
    public void Denial_codes_are_stable_and_distinct()
    {
        var codes = Enum.GetValues<DenialReason>().Select(r => r.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal("cooldown", DenialReason.Cooldown.Code());
        Assert.Equal("halted-globally", DenialReason.HaltedGlobally.Code());
        Assert.Equal("exposure-open", DenialReason.ExposureOpen.Code());
        Assert.Equal("pair-executing", DenialReason.PairExecuting.Code());
    }
}
