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
    public static bool IsTerminal(this PairStatus status) =>
        status is PairStatus.PositiveRejected or PairStatus.Abandoned or PairStatus.Settled or PairStatus.Exposed;
}
