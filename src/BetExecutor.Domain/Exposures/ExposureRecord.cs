using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Exposures;

public enum ExposureStatus
{
    Open,
    /// <summary>Past its expiry without a resolution: it no longer blocks, and it stays in the history.</summary>
    Expired,
    Resolved,
}

/// <summary>
/// A pair that left money exposed, as the audit requires it: manual review on, automatic re-bet off, an expiry,
/// both legs' states and amounts. Nothing is ever deleted; a resolution is an event on top.
/// </summary>
public sealed record ExposureRecord(
    string PairId,
    string IdentityKey,
    ExposureReason Reason,
    string Detail,
    LegSnapshot Positive,
    LegSnapshot Hedge,
    DateTimeOffset RaisedAt,
    DateTimeOffset ExpiresAt,
    bool DryRun = false)
{
    /// <summary>Always true: an exposure waits for a person.</summary>
    public bool ManualReview => true;

    /// <summary>Always false: nothing re-bets an exposed pair automatically.</summary>
    public bool AutoRebet => false;

    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Resolution { get; init; }
    public string? ResolvedBy { get; init; }

    public ExposureStatus StatusAt(DateTimeOffset now) =>
        ResolvedAt is not null ? ExposureStatus.Resolved
        : now >= ExpiresAt ? ExposureStatus.Expired
        : ExposureStatus.Open;
}
