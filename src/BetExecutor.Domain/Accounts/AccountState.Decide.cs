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
    public SignalDecision DecideSignal(Signal signal, DateTimeOffset now, AccountSettings settings, bool haltedGlobally) =>
        DecideSignal(signal, now, settings, IdentityPolicies.Unlimited, haltedGlobally);

    /// <summary>
    /// As above, then the identity's limits: dry-run consistency, a limited account, open pairs, the venue's stake
    /// bounds (the stake is rounded down to the venue's step) and the daily stake.
    /// </summary>
    /// <param name="receivedAt">When the ingress received the signal; null when the caller is in-process and gave none (then: now).</param>
    public SignalDecision DecideSignal(Signal signal, DateTimeOffset now, AccountSettings settings, IdentityPolicies policies, bool haltedGlobally,
        DateTimeOffset? receivedAt = null) =>
        DecideSignal(signal, now, settings, policies, haltedGlobally ? "the global kill switch is on" : null, receivedAt);

    /// <summary>As above; <paramref name="globalHalt"/> says why new signals are stopped everywhere (the kill switch is on,
    /// or this node does not know its state), null when they are not.</summary>
    public SignalDecision DecideSignal(Signal signal, DateTimeOffset now, AccountSettings settings, IdentityPolicies policies, string? globalHalt,
        DateTimeOffset? receivedAt)
    {
        if (Seen.TryGetValue(signal.SignalId, out var first) && !OutsideWindow(first, now, settings))
            return new SignalDecision.Duplicate(first);

        var errors = SignalRules.Validate(signal, now);
        if (errors.Count > 0)
            return Deny(signal, DenialReason.InvalidSignal, string.Join("; ", errors), now, persist: false);
        if (signal.Identity != Identity)
            return Deny(signal, DenialReason.InvalidSignal, $"identity: the signal is for {signal.Identity}, not {Identity}", now, persist: false);

        var limits = policies.For(Identity);
        if (!limits.DryRun && policies.For(signal.Hedge.Identity).DryRun)
            return Deny(signal, DenialReason.InvalidSignal, $"hedge.identity: {signal.Hedge.Identity} is dry-run but the positive {Identity} is live; its hedge would never be placed", now, persist: false);

        if (globalHalt is not null)
            return Deny(signal, DenialReason.HaltedGlobally, globalHalt, now);
        if (Halt is { } halt)
            return Deny(signal, DenialReason.Halted, $"halted since {halt.Since:O} by {halt.By}: {halt.Reason}", now);
        if (Limited is { } limited)
            return Deny(signal, DenialReason.AccountLimited, $"limited since {limited.Since:O}: pair {limited.PairId} was accepted for {limited.AcceptedStake} of {limited.RequestedStake}", now);
        if (settings.ExposureBlocksIdentity && OpenExposures(now).FirstOrDefault() is { } exposure)
            return Deny(signal, DenialReason.ExposureOpen, $"exposure on pair {exposure.PairId} ({exposure.Reason.Code()}) is open until {exposure.ExpiresAt:O}", now);
        if (InCooldown(now))
            return Deny(signal, DenialReason.Cooldown, $"cooldown until {CooldownUntil:O}", now);
        if (ExecutingPairId is { } executing)
            return Deny(signal, DenialReason.PairExecuting, $"pair {executing} is still executing", now);
        if (limits.MaxOpenPairs is { } maxOpen && InFlight.Count >= maxOpen)
            return Deny(signal, DenialReason.TooManyOpenPairs, $"{InFlight.Count} pairs open, at most {maxOpen}", now);
        if (receivedAt is { } received && now > received + settings.SignalAge)
            return Deny(signal, DenialReason.SignalTooOld, $"received at {received:O}, {(now - received).TotalSeconds:0.###} s ago; max-signal-age is {settings.SignalAge.TotalSeconds:0.###} s; nothing was placed", now);
        if (signal.ExpiresAt is { } expiry && expiry <= now)
            return Deny(signal, DenialReason.SignalExpired, $"the signal expired at {expiry:O}", now);
        if (!signal.InPlay && signal.Event.StartsAt <= now)
            return Deny(signal, DenialReason.EventStarted, $"event {signal.Event.Id} started at {signal.Event.StartsAt:O} and the signal is not in-play", now);

        var stake = Pairs.HedgeSizing.RoundDownToStep(signal.Positive.Stake, limits.StakeStep);
        if (stake <= 0m || (limits.MinStake is { } min && stake < min))
            return Deny(signal, DenialReason.StakeBelowMinimum, $"positive.stake {signal.Positive.Stake} (rounded to {stake}) is below the minimum {limits.MinStake ?? limits.StakeStep}", now);
        if (limits.MaxStake is { } max && stake > max)
            return Deny(signal, DenialReason.StakeAboveMaximum, $"positive.stake {stake} is above the maximum {max}", now);
        if (limits.MaxDailyStake is { } daily && StakedOn(now) + stake > daily)
            return Deny(signal, DenialReason.DailyStakeLimit, $"{StakedOn(now)} staked today; {stake} more would pass the daily limit {daily}", now);

        var accepted = stake == signal.Positive.Stake ? signal : signal with { Positive = signal.Positive with { Stake = stake } };
        return new SignalDecision.Accept(new SignalAccepted(accepted, now + settings.Cooldown, receivedAt ?? now, ReferencePerAcceptance: settings.ReferencePerAcceptance) { Meta = MetaAt(now, signal.PairId) });
    }

    /// <summary>
    /// The pair reports its positive intent recorded. Normally that is the instant the signal was accepted; after a
    /// restart it can be later, and the cooldown (docs/architecture.md §4: from the intent) is then extended to match.
    /// </summary>
    public IReadOnlyList<AccountEvent> OnPositiveIntent(string pairId, DateTimeOffset at, AccountSettings settings) =>
        at + settings.Cooldown > (CooldownUntil ?? DateTimeOffset.MinValue)
            ? [new CooldownExtended(pairId, at + settings.Cooldown) { Meta = MetaAt(at, pairId) }]
            : [];

    /// <summary>The pair reports its hedge confirmed. Repeats (after a restart) change nothing.</summary>
    public IReadOnlyList<AccountEvent> OnPairHedged(string pairId, DateTimeOffset now) =>
        InFlight.TryGetValue(pairId, out var pair) && !pair.Hedged
            ? [new PairHedged(pairId) { Meta = MetaAt(now, pairId) }]
            : [];

    /// <summary>
    /// The pair reports its end. An exposure is recorded with the audit's flags and expiry; it never touches the
    /// cooldown. An exposure that says the venue or the pair cannot be trusted (<see cref="ExposureReasonCodes.HaltsIdentity"/>)
    /// also halts the identity until an operator resumes it. Repeats (after a restart) change nothing.
    /// </summary>
    public IReadOnlyList<AccountEvent> OnPairFinished(string pairId, PairOutcome outcome, DateTimeOffset now, AccountSettings settings, bool dryRun = false)
    {
        if (!InFlight.ContainsKey(pairId)) return [];
        var meta = MetaAt(now, pairId);
        var finished = new PairFinished(pairId, outcome) { Meta = meta };
        if (outcome is not PairOutcome.Exposed exposed) return [finished];
        var exposure = new ExposureRecord(
            pairId,
            Identity.Key,
            exposed.Reason,
            exposed.Detail,
            exposed.Positive,
            exposed.Hedge,
            RaisedAt: now,
            ExpiresAt: now + settings.ExposureExpiry,
            DryRun: dryRun);
        if (!exposed.Reason.HaltsIdentity() || Halt is not null) return [finished, new ExposureOpened(exposure) { Meta = meta }];
        var halted = new IdentityHalted($"{exposed.Reason.Code()} on pair {pairId}: {exposed.Detail}", ExecutorActor) { Meta = meta };
        return [finished, new ExposureOpened(exposure) { Meta = meta }, halted];
    }

    /// <summary>
    /// A pair kept failing and was restarted as often as allowed: it ends here, as a <c>pair-failed</c> exposure that
    /// halts the identity, instead of looping. What it placed is not known to the account, so the legs are given by
    /// their client references (derived, never stored elsewhere) for an operator to look up at the venues.
    /// </summary>
    public IReadOnlyList<AccountEvent> OnPairFailedRepeatedly(string pairId, int failures, string lastError, DateTimeOffset now, AccountSettings settings, bool dryRun = false)
    {
        if (!InFlight.TryGetValue(pairId, out var pair)) return [];
        var signal = pair.Signal;
        var positive = new LegSnapshot(Identity.Key, pair.Reference(Identity, Legs.LegKind.Positive).Value,
            signal.Positive.Stake, signal.Positive.Odds, null, null, null, null);
        var hedge = new LegSnapshot(signal.Hedge.Identity.Key, pair.Reference(Identity, Legs.LegKind.Hedge).Value,
            0m, signal.Hedge.Odds, null, null, null, null);
        var outcome = new PairOutcome.Exposed(ExposureReason.PairFailed,
            $"the pair failed {failures} time(s), last: {lastError}; look both legs up at their venues by client reference", positive, hedge);
        return OnPairFinished(pairId, outcome, now, settings, dryRun);
    }

    /// <summary>Who a halt the executor decides by itself (not an operator) is recorded as made by.</summary>
    public const string ExecutorActor = "executor";

    /// <summary>The pair reports its positive accepted. A stake cut below the configured share marks the account limited.</summary>
    public IReadOnlyList<AccountEvent> OnPositiveAccepted(string pairId, decimal requestedStake, decimal acceptedStake, DateTimeOffset now, IdentityLimits limits) =>
        limits.LimitedBelowShare > 0m && acceptedStake < requestedStake * limits.LimitedBelowShare && Limited is null
            ? [new IdentityLimited(pairId, requestedStake, acceptedStake) { Meta = MetaAt(now, pairId) }]
            : [];

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
        if (Halt is null && Limited is null) return new OperatorDecision.Refuse($"{Identity} is neither halted nor limited");
        return new OperatorDecision.Record([new IdentityResumed(reason.Trim(), by) { Meta = MetaAt(now, null) }]);
    }

    private SignalDecision.Deny Deny(Signal signal, DenialReason reason, string detail, DateTimeOffset now, bool persist = true) =>
        new(new SignalDenied(signal.SignalId, reason, detail) { Meta = MetaAt(now, null) }, persist);

    private EventMeta MetaAt(DateTimeOffset now, string? pairId) => new(now, Identity.Key, pairId);
}
