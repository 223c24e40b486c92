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
        ExposureReason.StorageLost => "storage-lost",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
