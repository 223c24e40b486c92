namespace BetExecutor.Domain.Events;

/// <summary>
/// Implemented by a snapshot's state that knows which of its events are still needed: the journal's retention never
/// deletes an event at or after <see cref="KeepEventsFrom"/>. An account's snapshot names the first event of its
/// oldest pair or exposure that is still open, so an open item keeps its whole history in Redis however old it is.
/// It lives with the domain (which depends on nothing) so that both the snapshots and the Redis plugin can see it.
/// </summary>
public interface IRetentionHold
{
    /// <summary>The lowest sequence number that must stay; null when nothing the state holds is open.</summary>
    long? KeepEventsFrom { get; }

    /// <summary>
    /// Nothing will ever be written to this persistence id again (a finished pair whose exposure, if any, is resolved).
    /// Once every event of it is archived and deleted, retention forgets it: its snapshot and its highest sequence
    /// number leave Redis too. Only for an id no one starts again: a finished pair's account answers its signal id
    /// from its own state and never restarts it.
    /// </summary>
    bool IsClosed => false;
}
