using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// Everything that happens to a pair, in the past tense. Each is persisted before the side effect it authorises.
/// Schema version 1; a changed shape gets a new record and a new manifest, never an edit of these.
/// </summary>
public abstract record PairEvent : IDomainEvent
{
    public required EventMeta Meta { get; init; }
}

/// <summary>The pair starts: the positive's client reference is recorded before the placement request leaves.</summary>
public sealed record PositiveIntentRecorded(Signal Signal, ClientReference ClientReference, decimal Stake, decimal Odds, DateTimeOffset SignalAcceptedAt) : PairEvent;

/// <summary>The pair could not start when it got to run (too late, or its signal expired); nothing was placed.</summary>
public sealed record PairAbandoned(AbandonReason Reason, string Detail) : PairEvent;

public sealed record PositiveAccepted(AcceptedBet Bet) : PairEvent;

public sealed record PositiveRejected(string Code, bool Permanent) : PairEvent;

/// <summary>The positive's placement had no definite answer; from <see cref="PairEvent.Meta"/>.At it is reconciled by lookups.</summary>
public sealed record PositiveOutcomeUnknown(string Reason) : PairEvent;

/// <summary>
/// Lookups through the whole window found no positive bet. The venue most likely never took it, but a venue that is
/// slow to show bets could still do so: the pair keeps looking until <paramref name="WatchUntil"/> before it ends.
/// </summary>
public sealed record PositiveNotFound(DateTimeOffset WatchUntil) : PairEvent;

/// <summary>The late-acceptance watch ended without the bet appearing: the venue never took it, nothing stands.</summary>
public sealed record PositiveWatchEnded : PairEvent;

/// <summary>A hedge attempt is about to leave, with the stake and odds it asks for. Every attempt reuses the leg's client reference.</summary>
public sealed record HedgeIntentRecorded(ClientReference ClientReference, int Attempt, decimal Stake, decimal Odds) : PairEvent;

public sealed record HedgeAccepted(AcceptedBet Bet) : PairEvent;

/// <summary>The venue refused a hedge attempt. <paramref name="RetryAt"/> is null when no retry follows.</summary>
public sealed record HedgeRejected(string Code, bool Permanent, int Attempt, DateTimeOffset? RetryAt, decimal? RepricedOdds) : PairEvent;

public sealed record HedgeOutcomeUnknown(string Reason) : PairEvent;

/// <summary>Lookups through the whole window found no hedge bet. <paramref name="RetryAt"/> is null when no retry follows.</summary>
public sealed record HedgeNotFound(int Attempt, DateTimeOffset? RetryAt) : PairEvent;

/// <summary>One settlement poll. A leg's state is null when it was final already or its query failed.</summary>
public sealed record SettlementPolled(int Poll, SettlementState? Positive, SettlementState? Hedge) : PairEvent;

public sealed record PairSettled(SettlementState Positive, SettlementState Hedge) : PairEvent;

/// <summary>The pair left money exposed; it is terminal and waits for an operator.</summary>
public sealed record ExposureRaised(ExposureReason Reason, string Detail, LegSnapshot Positive, LegSnapshot Hedge) : PairEvent;

/// <summary>A leg as far as the pair knows it: what was asked, what the venue accepted, how it settled.</summary>
public sealed record LegSnapshot(
    string IdentityKey,
    string? ClientReference,
    decimal AskedStake,
    decimal AskedOdds,
    string? BetId,
    decimal? AcceptedStake,
    decimal? AcceptedOdds,
    SettlementState? Settlement);
