using BetExecutor.Domain.Events;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// A pair's whole state at a sequence number (schema version 1): the pair recovers from it exactly as from the events
/// it covers. The pair takes one when it ends, and one more when its account resolved the pair's exposure
/// (<paramref name="ExposureResolvedAt"/>, optional, set only then). With retention on, the events a snapshot covers may
/// be archived and deleted from Redis, but nothing of a pair that is in flight or whose exposure is still open.
/// </summary>
public sealed record PairSnapshot(PairState State, DateTimeOffset? ExposureResolvedAt = null) : IDomainSnapshot, IRetentionHold
{
    /// <summary>
    /// Whether the pair may still need its whole history: in flight, or ended exposed and not resolved yet (the account
    /// keeps its own events of the pair for as long). A resolution ends the hold whatever the phase: an exposure the
    /// account raised for a pair that could not finish (it failed repeatedly, or the storage was lost) leaves the
    /// pair's events in flight, and the operator's resolution is what closes them.
    /// </summary>
    public bool HoldsOpen => ExposureResolvedAt is null && (!State.Status.IsTerminal() || State.Status == PairStatus.Exposed);

    // Explicit, so it is never part of the stored form: it is derived from the two fields above.
    long? IRetentionHold.KeepEventsFrom => HoldsOpen ? 1 : null;

    // Ended (or given up by its account) and not held: nothing is ever written to the pair again.
    bool IRetentionHold.IsClosed => !HoldsOpen;
}
