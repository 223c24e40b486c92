namespace BetExecutor.Domain.Exposures;

/// <summary>
/// Why a pair left money exposed. A closed set with stable codes (<see cref="ExposureReasonCodes"/>): operators,
/// metrics and tests group by them.
/// </summary>
public enum ExposureReason
{
    /// <summary>One leg was voided and the other stood.</summary>
    VoidOneSide,
    /// <summary>A leg settled half won / half lost (or was partly cashed out).</summary>
    PartialSettlement,
    BothLost,
    BothWon,
    /// <summary>The legs did not both reach a final state within the settlement poll limit.</summary>
    PollLimitReached,
    /// <summary>A placement's outcome stayed unknown: lookups kept failing through the whole window.</summary>
    UnresolvedUnknown,
    /// <summary>The positive stands but no hedge could be placed (refused, rejected, or retries exhausted).</summary>
    Unhedged,
    /// <summary>The venue took the hedge for less (stake or odds) than the positive needs: both legs stand, unbalanced.</summary>
    HedgeShort,
    /// <summary>
    /// The venue answered outside what it was asked (a stake above the asked one beyond rounding, odds out of sane
    /// bounds or far from asked): nothing is sized from the answer and the identity halts, since its venue cannot be
    /// trusted until an operator has looked.
    /// </summary>
    VenueAnomaly,
    /// <summary>The pair kept failing (it was restarted from its events the configured number of times): it stops for good and its identity halts.</summary>
    PairFailed,
    /// <summary>The storage lost the pair's history while it was in flight; its legs were looked up at the venue and the identity halted.</summary>
    StorageLost,
}

public static class ExposureReasonCodes
{
    public static string Code(this ExposureReason reason) => reason switch
    {
        ExposureReason.VoidOneSide => "void-one-side",
        ExposureReason.PartialSettlement => "partial-settlement",
        ExposureReason.BothLost => "both-lost",
        ExposureReason.BothWon => "both-won",
        ExposureReason.PollLimitReached => "poll-limit",
        ExposureReason.UnresolvedUnknown => "unresolved-unknown",
        ExposureReason.Unhedged => "unhedged",
        ExposureReason.HedgeShort => "hedge-short",
        ExposureReason.VenueAnomaly => "venue-anomaly",
        ExposureReason.PairFailed => "pair-failed",
        ExposureReason.StorageLost => "storage-lost",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// Exposures that say the executor or the venue can no longer be trusted for this identity: besides the
    /// exposure, the identity halts until an operator resumes it (an exposure alone may be configured not to block).
    /// </summary>
    public static bool HaltsIdentity(this ExposureReason reason) =>
        reason is ExposureReason.VenueAnomaly or ExposureReason.PairFailed;
}
