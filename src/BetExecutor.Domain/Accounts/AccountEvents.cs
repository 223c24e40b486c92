using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Accounts;

/// <summary>Everything that happens to an identity's account, in the past tense. Schema version 1.</summary>
public abstract record AccountEvent : IDomainEvent
{
    public required EventMeta Meta { get; init; }
}

/// <summary>
/// The signal passed every control: its pair starts and the cooldown runs until <paramref name="CooldownUntil"/>.
/// <paramref name="ReceivedAt"/> is when the ingress received it (absent in events written before it was recorded):
/// the pair never starts later than max-signal-age after it. <paramref name="SubmittedBy"/> names who sent it (the
/// gateway's API key name; absent for other ingresses and in events written before it was recorded).
/// <paramref name="ReferencePerAcceptance"/>: the pair's client references also hash this acceptance's instant (set
/// while Redis retention is on; false in events written before it was recorded).
/// </summary>
public sealed record SignalAccepted(Signal Signal, DateTimeOffset CooldownUntil, DateTimeOffset? ReceivedAt = null, string? SubmittedBy = null,
    bool ReferencePerAcceptance = false) : AccountEvent;

/// <summary>Our controls refused the signal; nothing was sent. <paramref name="SubmittedBy"/> as for <see cref="SignalAccepted"/>.</summary>
public sealed record SignalDenied(string SignalId, DenialReason Reason, string Detail, string? SubmittedBy = null) : AccountEvent;

/// <summary>
/// A pair recorded its positive intent later than its signal was accepted (a restart in between): the cooldown,
/// which runs from the intent, is pushed back to <paramref name="Until"/>. A cooldown is never shortened.
/// </summary>
public sealed record CooldownExtended(string PairId, DateTimeOffset Until) : AccountEvent;

/// <summary>The pair's hedge is confirmed: it no longer counts as executing.</summary>
public sealed record PairHedged(string PairId) : AccountEvent;

public sealed record PairFinished(string PairId, PairOutcome Outcome) : AccountEvent;

public sealed record ExposureOpened(ExposureRecord Exposure) : AccountEvent;

public sealed record ExposureResolved(string PairId, string Reason, string ResolvedBy) : AccountEvent;

public sealed record IdentityHalted(string Reason, string By) : AccountEvent;

public sealed record IdentityResumed(string Reason, string By) : AccountEvent;

/// <summary>The venue accepted a positive for less than the configured share of its stake: the account is limited and takes no new signals until an operator resumes it.</summary>
public sealed record IdentityLimited(string PairId, decimal RequestedStake, decimal AcceptedStake) : AccountEvent;
