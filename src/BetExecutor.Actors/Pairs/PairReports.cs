using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Pairs;

/// <summary>Milestones a pair reports to its owning account (parent and child live on one node).</summary>
public sealed record PairReportedHedged(string PairId);

public sealed record PairReportedPositiveAccepted(string PairId, decimal RequestedStake, decimal AcceptedStake);

public sealed record PairReportedFinished(string PairId, PairOutcome Outcome);
