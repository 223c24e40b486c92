using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Accounts;

public sealed partial record AccountState
{
    /// <summary>
    /// Runs a signal through the controls, in order: duplicate, shape, kill switches, open exposure, cooldown,
    /// a pair already executing, staleness, kick-off. The first that refuses decides the reason.
    /// </summary>
    public SignalDecision DecideSignal(Signal signal, DateTimeOffset now, AccountSettings settings, bool haltedGlobally)
    {
        if (Seen.TryGetValue(signal.SignalId, out var first))
            return new SignalDecision.Duplicate(first);

        var errors = SignalRules.Validate(signal);
        if (errors.Count > 0)
            return Deny(signal, DenialReason.InvalidSignal, string.Join("; ", errors), now, persist: false);
        if (signal.Identity != Identity)
            return Deny(signal, DenialReason.InvalidSignal, $"identity: the signal is for {signal.Identity}, not {Identity}", now, persist: false);

        if (haltedGlobally)
            return Deny(signal, DenialReason.HaltedGlobally, "the global kill switch is on", now);
        if (Halt is { } halt)
            return Deny(signal, DenialReason.Halted, $"halted since {halt.Since:O} by {halt.By}: {halt.Reason}", now);
        if (settings.ExposureBlocksIdentity && OpenExposures(now).FirstOrDefault() is { } exposure)
            return Deny(signal, DenialReason.ExposureOpen, $"exposure on pair {exposure.PairId} ({exposure.Reason.Code()}) is open until {exposure.ExpiresAt:O}", now);
        if (InCooldown(now))
            return Deny(signal, DenialReason.Cooldown, $"cooldown until {CooldownUntil:O}", now);
        if (ExecutingPairId is { } executing)
            return Deny(signal, DenialReason.PairExecuting, $"pair {executing} is still executing", now);
        if (signal.ExpiresAt is { } expiry && expiry <= now)
            return Deny(signal, DenialReason.SignalExpired, $"the signal expired at {expiry:O}", now);
        if (!signal.InPlay && signal.Event.StartsAt <= now)
            return Deny(signal, DenialReason.EventStarted, $"event {signal.Event.Id} started at {signal.Event.StartsAt:O} and the signal is not in-play", now);

        return new SignalDecision.Accept(new SignalAccepted(signal, now + settings.Cooldown) { Meta = MetaAt(now, signal.PairId) });
    }

    /// <summary>The pair reports its hedge confirmed. Repeats (after a restart) change nothing.</summary>
    public IReadOnlyList<AccountEvent> OnPairHedged(string pairId, DateTimeOffset now) =>
        InFlight.TryGetValue(pairId, out var pair) && !pair.Hedged
            ? [new PairHedged(pairId) { Meta = MetaAt(now, pairId) }]
            : [];

    /// <summary>
    /// The pair reports its end. An exposure is recorded with the audit's flags and expiry; it never touches the
    /// cooldown. Repeats (after a restart) change nothing.
    /// </summary>
    public IReadOnlyList<AccountEvent> OnPairFinished(string pairId, PairOutcome outcome, DateTimeOffset now, AccountSettings settings)
    {
        if (!InFlight.ContainsKey(pairId)) return [];
        var meta = MetaAt(now, pairId);
        var finished = new PairFinished(pairId, outcome) { Meta = meta };
        if (outcome.Result != PairResult.Exposure) return [finished];
        var exposure = new ExposureRecord(
            pairId,
            Identity.Key,
            outcome.ExposureReason ?? ExposureReason.UnresolvedUnknown,
            outcome.Detail ?? "",
            outcome.Positive!,
            outcome.Hedge!,
            RaisedAt: now,
            ExpiresAt: now + settings.ExposureExpiry);
        return [finished, new ExposureOpened(exposure) { Meta = meta }];
    }

    public OperatorDecision DecideResolveExposure(string pairId, string reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new OperatorDecision.Refuse("reason: a resolution needs a reason");
        if (!Exposures.TryGetValue(pairId, out var exposure)) return new OperatorDecision.Refuse($"pair {pairId} has no exposure on {Identity}");
        if (exposure.ResolvedAt is not null) return new OperatorDecision.Refuse($"the exposure on pair {pairId} was resolved at {exposure.ResolvedAt:O}");
        return new OperatorDecision.Record([new ExposureResolved(pairId, reason.Trim(), by) { Meta = MetaAt(now, pairId) }]);
    }

    public OperatorDecision DecideHalt(string reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new OperatorDecision.Refuse("reason: a halt needs a reason");
        // The first halt's reason and time stay what operators see; a second halt must not rewrite them.
        if (Halt is { } halt) return new OperatorDecision.Refuse($"{Identity} is already halted since {halt.Since:O} by {halt.By}: {halt.Reason}");
        return new OperatorDecision.Record([new IdentityHalted(reason.Trim(), by) { Meta = MetaAt(now, null) }]);
    }

    public OperatorDecision DecideResume(string reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new OperatorDecision.Refuse("reason: a resume needs a reason");
        if (Halt is null) return new OperatorDecision.Refuse($"{Identity} is not halted");
        return new OperatorDecision.Record([new IdentityResumed(reason.Trim(), by) { Meta = MetaAt(now, null) }]);
    }

    private SignalDecision.Deny Deny(Signal signal, DenialReason reason, string detail, DateTimeOffset now, bool persist = true) =>
        new(new SignalDenied(signal.SignalId, reason, detail) { Meta = MetaAt(now, null) }, persist);

    private EventMeta MetaAt(DateTimeOffset now, string? pairId) => new(now, Identity.Key, pairId);
}
