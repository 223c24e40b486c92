using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>An account rebuilt from its history, as the AccountActor does on recovery, and past account events.</summary>
internal static class Account
{
    public static AccountState Given(params AccountEvent[] history) => GivenFor(Soft, history);

    public static AccountState GivenFor(Identity identity, params AccountEvent[] history) =>
        history.Aggregate(AccountState.Initial(identity), (state, e) => state.Apply(e));

    public static AccountState Then(this AccountState state, IEnumerable<AccountEvent> events) =>
        events.Aggregate(state, (s, e) => s.Apply(e));

    /// <summary>Decides a signal and, when the decision is to be recorded, applies it, as the actor would.</summary>
    public static (SignalDecision Decision, AccountState State) Receive(this AccountState state, Signal signal, DateTimeOffset at, bool haltedGlobally = false, AccountSettings? settings = null)
    {
        var decision = state.DecideSignal(signal, at, settings ?? AccountSettings.Default, haltedGlobally);
        var next = decision switch
        {
            SignalDecision.Accept accept => state.Apply(accept.Event),
            SignalDecision.Deny { Persist: true } deny => state.Apply(deny.Event),
            _ => state,
        };
        return (decision, next);
    }

    public static DenialReason DeniedFor(this SignalDecision decision) => Assert.IsType<SignalDecision.Deny>(decision).Event.Reason;

    private static EventMeta Meta(DateTimeOffset at, string? pairId = null) => new(at, Soft.Key, pairId);

    public static SignalAccepted Accepted(string pairId, DateTimeOffset at, DateTimeOffset? cooldownUntil = null) =>
        new(ASignal(id: pairId), cooldownUntil ?? at + AccountSettings.Default.Cooldown) { Meta = Meta(at, pairId) };

    public static PairHedged Hedged(string pairId, DateTimeOffset at) => new(pairId) { Meta = Meta(at, pairId) };

    public static PairFinished Finished(string pairId, DateTimeOffset at, PairOutcome? outcome = null) =>
        new(pairId, outcome ?? SettledOutcome) { Meta = Meta(at, pairId) };

    public static readonly PairOutcome SettledOutcome = new PairOutcome.Settled(Leg(Soft), Leg(Sharp));

    public static readonly PairOutcome NothingStandsOutcome = new PairOutcome.NothingStands(NothingStandsReason.PositiveRejectedPermanently, "closed");

    public static ExposureOpened ExposureOpened(string pairId, DateTimeOffset at, TimeSpan? expiry = null) =>
        new(new ExposureRecord(pairId, Soft.Key, ExposureReason.BothLost, "positive Lost, hedge Lost", Leg(Soft), Leg(Sharp), at, at + (expiry ?? AccountSettings.Default.ExposureExpiry)))
        { Meta = Meta(at, pairId) };

    public static IdentityHalted Halted(DateTimeOffset at, string reason = "odd prices", string by = "ops@desk") => new(reason, by) { Meta = Meta(at) };

    public static PairOutcome ExposureOutcome(ExposureReason reason = ExposureReason.Unhedged) =>
        new PairOutcome.Exposed(reason, "hedge rejected permanently (closed)", Leg(Soft), Leg(Sharp));

    public static LegSnapshot Leg(Identity identity) => new(identity.Key, "ref", 100m, 2.10m, "bet", 100m, 2.10m, null);
}
