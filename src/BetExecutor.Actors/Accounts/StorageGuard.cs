using System.Collections.Concurrent;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// The node's memory of a storage loss. The first account whose write the journal refuses marks the node lost; from
/// then on every account on the node runs from memory only: it halts, answers from what it knows (cooldown, seen
/// ids, exposures) and never reads or writes the journal again, even when Akka restarts it. Only a restart of the
/// node with the storage adopted by an operator clears it (see the README's Redis section).
/// </summary>
public sealed class StorageGuard
{
    private readonly ConcurrentDictionary<string, AccountState> _remembered = new(StringComparer.Ordinal);
    private volatile StorageLoss? _loss;

    public StorageLoss? Loss => _loss;

    /// <summary>Marks the node lost; the first cause stays. True when this call was the first.</summary>
    public bool MarkLost(string cause, DateTimeOffset at)
    {
        var loss = new StorageLoss(cause, at);
        return Interlocked.CompareExchange(ref _loss, loss, null) is null;
    }

    /// <summary>What an identity knew when its storage was lost (kept up to date while it runs from memory).</summary>
    public void Remember(AccountState state) => _remembered[state.Identity.Key] = state;

    public AccountState? Remembered(Identity identity) => _remembered.GetValueOrDefault(identity.Key);
}

public sealed record StorageLoss(string Cause, DateTimeOffset At);

/// <summary>Published on the node's event stream when the storage is found lost, so every account halts at once.</summary>
public sealed record NodeStorageLost(StorageLoss Loss);
