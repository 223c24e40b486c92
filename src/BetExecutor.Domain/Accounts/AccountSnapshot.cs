using BetExecutor.Domain.Events;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// An account's whole state at a sequence number, so recovery replays only the events after it however long the
/// identity's history grows. Schema version 1. The events stay in the journal: nothing is ever deleted.
/// </summary>
public sealed record AccountSnapshot(AccountState State) : IDomainSnapshot;
