using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

public enum PairResult
{
    /// <summary>Both legs settled with the expected, balanced outcome.</summary>
    Settled,
    /// <summary>Nothing stands: the positive was rejected, never found, or the pair was abandoned before placing.</summary>
    Rejected,
    /// <summary>Money is exposed; an operator must look.</summary>
    Exposure,
}

/// <summary>How a pair ended, as reported to its account.</summary>
public sealed record PairOutcome(
    PairResult Result,
    string? RejectionCode = null,
    ExposureReason? ExposureReason = null,
    string? Detail = null,
    LegSnapshot? Positive = null,
    LegSnapshot? Hedge = null);
