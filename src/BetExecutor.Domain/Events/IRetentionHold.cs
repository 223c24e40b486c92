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
}
