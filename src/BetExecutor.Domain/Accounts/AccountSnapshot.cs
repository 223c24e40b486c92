using System.Collections.Immutable;
using BetExecutor.Domain.Events;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// An account's whole state at a sequence number, so recovery replays only the events after it however long the
/// identity's history grows. Schema version 1. <paramref name="OpenItemsFrom"/> (added to version 1 later, optional):
/// per open pair or unresolved exposure, the sequence number of its first event (<see cref="OpenItemOrigins"/>).
/// With retention on, events the snapshot covers may be archived and deleted, but never from the oldest open item's
/// first event on; a snapshot without the field (stored before it existed) holds everything.
/// </summary>
public sealed record AccountSnapshot(AccountState State, ImmutableDictionary<string, long>? OpenItemsFrom = null) : IDomainSnapshot, IRetentionHold
{
    // Explicit, so it is never part of the stored form: it is derived from the two fields above.
    long? IRetentionHold.KeepEventsFrom => OpenItemsFrom is { } origins ? OpenItemOrigins.KeepEventsFrom(State, origins) : 1;
}
