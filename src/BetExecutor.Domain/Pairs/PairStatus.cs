namespace BetExecutor.Domain.Pairs;

/// <summary>Where a pair is in its lifecycle (docs/architecture.md §3). Terminal: PositiveRejected, Abandoned, Settled, Exposed.</summary>
public enum PairStatus
{
    NotStarted,
    /// <summary>Positive intent recorded; the request may have left.</summary>
    PositivePending,
    PositiveUnknown,
    /// <summary>Not found through the window; still looked up for a while in case the venue shows it late.</summary>
    PositiveWatching,
    PositiveRejected,
    Abandoned,
    /// <summary>Transient: always persisted together with the hedge intent or an exposure.</summary>
    PositiveAccepted,
    HedgePending,
    HedgeUnknown,
    HedgeRetryWaiting,
    /// <summary>Transient: always persisted together with the unhedged exposure.</summary>
    HedgeFailed,
    Settling,
    Settled,
    Exposed,
}

public static class PairStatusExtensions
{
    /// <summary>The stable spelling of a status (stored, as a pair snapshot's phase, and shown): never its C# name.</summary>
    public static string Code(this PairStatus status) => status switch
    {
        PairStatus.NotStarted => "not-started",
        PairStatus.PositivePending => "positive-pending",
        PairStatus.PositiveUnknown => "positive-unknown",
        PairStatus.PositiveWatching => "positive-watching",
        PairStatus.PositiveRejected => "positive-rejected",
        PairStatus.Abandoned => "abandoned",
        PairStatus.PositiveAccepted => "positive-accepted",
        PairStatus.HedgePending => "hedge-pending",
        PairStatus.HedgeUnknown => "hedge-unknown",
        PairStatus.HedgeRetryWaiting => "hedge-retry-waiting",
        PairStatus.HedgeFailed => "hedge-failed",
        PairStatus.Settling => "settling",
        PairStatus.Settled => "settled",
        PairStatus.Exposed => "exposed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool IsTerminal(this PairStatus status) =>
        status is PairStatus.PositiveRejected or PairStatus.Abandoned or PairStatus.Settled or PairStatus.Exposed;
}
