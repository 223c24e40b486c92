using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

/// <summary>What the actor must do once a decision's events are persisted. The domain decides; the actor acts.</summary>
public abstract record PairEffect;

/// <summary>Send one placement request for a leg.</summary>
public sealed record PlaceLeg(LegKind Leg, LegOrder Order) : PairEffect;

/// <summary>Ask the leg's venue for the bet with the leg's client reference.</summary>
public sealed record LookUpLeg(LegKind Leg, Identity Account, ClientReference ClientReference) : PairEffect;

/// <summary>Ask for the settlement state of the legs still pending (null = do not query that leg).</summary>
public sealed record PollSettlement(BetOnVenue? Positive, BetOnVenue? Hedge) : PairEffect;

/// <summary>Deliver <see cref="WakeUp"/> to the pair at this instant.</summary>
public sealed record WakeAt(DateTimeOffset At) : PairEffect;

/// <summary>Tell the owning account when the positive's intent was recorded: its cooldown runs from then.</summary>
public sealed record ReportPositiveIntent(DateTimeOffset At) : PairEffect;

/// <summary>Tell the owning account what the venue accepted the positive for (it watches for stake cuts).</summary>
public sealed record ReportPositiveAccepted(decimal RequestedStake, AcceptedBet Bet) : PairEffect;

/// <summary>Tell the owning account that the hedge is confirmed: the pair no longer blocks the identity.</summary>
public sealed record ReportHedged : PairEffect
{
    public static readonly ReportHedged Instance = new();
}

/// <summary>Tell the owning account the pair's final outcome; the pair then stops.</summary>
public sealed record ReportFinished(PairOutcome Outcome) : PairEffect;

/// <summary>
/// Tell the owning account that a newly accepted signal's id belongs to a pair that already ended with
/// <paramref name="Earlier"/>; nothing is sent and the pair stops without resuming anything.
/// </summary>
public sealed record ReportIdReused(PairOutcome Earlier) : PairEffect;

public sealed record BetOnVenue(Identity Account, string BetId);
