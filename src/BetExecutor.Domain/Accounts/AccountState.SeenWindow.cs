using System.Collections.Immutable;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// The signal-id window (docs/architecture.md, "Duplicates"): a signal id is a duplicate within the window after its
/// first decision, and a new signal after it. Forgetting is a pure function of the events and their times (no clock):
/// each decision event (<see cref="SignalAccepted"/>, <see cref="SignalDenied"/>) drops the ids decided longer than
/// the window before it, so a recovery from events and one from a snapshot hold the same ids.
/// </summary>
public sealed partial record AccountState
{
    /// <summary>Applies <paramref name="e"/>, then, for a decision event, forgets the ids outside <paramref name="signalIdWindow"/> (null: none).</summary>
    public AccountState Apply(AccountEvent e, TimeSpan? signalIdWindow)
    {
        var next = Apply(e);
        return signalIdWindow is { } window && e is SignalAccepted or SignalDenied ? next.ForgetSeenBefore(e.Meta.At - window) : next;
    }

    /// <summary>
    /// Drops the ids first decided before <paramref name="cutoff"/>, except any the account still needs: an id whose
    /// pair is in flight (a repeat must never start a second pair under the same pair id), whose exposure is not
    /// resolved, or that was accepted without a recorded end (its pair is being looked up after a storage loss).
    /// </summary>
    public AccountState ForgetSeenBefore(DateTimeOffset cutoff)
    {
        var forgotten = Seen.Values.Where(v => v.At < cutoff && MayForget(v)).Select(v => v.SignalId).ToList();
        return forgotten.Count == 0 ? this : this with { Seen = Seen.RemoveRange(forgotten) };
    }

    /// <summary>
    /// Whether a remembered id is already past its window at <paramref name="now"/> (and may be forgotten): then it is
    /// a new signal, even before the next decision event drops it. The same test as <see cref="ForgetSeenBefore"/>.
    /// </summary>
    private bool OutsideWindow(SignalVerdict first, DateTimeOffset now, AccountSettings settings) =>
        settings.SignalIdWindow is { } window && first.At < now - window && MayForget(first);

    private bool MayForget(SignalVerdict verdict)
    {
        if (!verdict.Accepted) return true;
        // A pair's id is its signal's id.
        if (InFlight.ContainsKey(verdict.SignalId)) return false;
        if (Exposures.TryGetValue(verdict.SignalId, out var exposure) && exposure.ResolvedAt is null) return false;
        return verdict.PairEnded is not null;
    }

    /// <summary>
    /// A newly accepted signal's pair found its id already used by a pair that ended (<paramref name="earlier"/>): the
    /// pair ends here with nothing placed, as <see cref="NothingStandsReason.SignalIdReused"/>. Its acceptance still
    /// counts for the cooldown and the daily stake (recorded before the pair could know): never more than a real signal.
    /// </summary>
    public IReadOnlyList<AccountEvent> OnPairIdReused(string pairId, PairOutcome earlier, DateTimeOffset now)
    {
        if (!InFlight.ContainsKey(pairId)) return [];
        var outcome = new PairOutcome.NothingStands(NothingStandsReason.SignalIdReused,
            $"pair id {pairId} already ran and ended {earlier.Code}; its history is still stored, so it is not run again; send the signal under a new id");
        return [new PairFinished(pairId, outcome) { Meta = MetaAt(now, pairId) }];
    }
}
