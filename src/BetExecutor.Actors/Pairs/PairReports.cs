using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Pairs;

/// <summary>
/// Milestones a pair reports to its owning account (parent and child live on one node). Each carries when it
/// happened: the account records that time, not the time it got round to reading the report.
/// </summary>
public sealed record PairReportedHedged(string PairId, DateTimeOffset At);

public sealed record PairReportedPositiveIntent(string PairId, DateTimeOffset At);

public sealed record PairReportedPositiveAccepted(string PairId, decimal RequestedStake, decimal AcceptedStake, DateTimeOffset At);

public sealed record PairReportedFinished(string PairId, PairOutcome Outcome, DateTimeOffset At);

/// <summary>A newly accepted signal's pair id names a pair that already ended (<paramref name="Earlier"/>): nothing was run.</summary>
public sealed record PairReportedIdReused(string PairId, PairOutcome Earlier, DateTimeOffset At);
