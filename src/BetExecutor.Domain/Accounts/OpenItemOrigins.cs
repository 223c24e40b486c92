using System.Collections.Immutable;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// Where each of an account's open items begins in its journal: per pair id, the sequence number of the first event
/// that named it (its acceptance, or the exposure's opening when that came first). An item is open while its pair is
/// in flight or its exposure is not resolved; the journal keeps every event from the oldest open item's first one
/// (<see cref="AccountSnapshot"/>). The actor supplies the sequence numbers; the rules here are pure.
/// </summary>
public static class OpenItemOrigins
{
    public static readonly ImmutableDictionary<string, long> None = ImmutableDictionary<string, long>.Empty;

    /// <summary>Records the first event of an item it opens and forgets the items <paramref name="after"/> no longer holds open.</summary>
    /// <param name="after">the state once <paramref name="e"/> is applied.</param>
    public static ImmutableDictionary<string, long> Track(ImmutableDictionary<string, long> origins, AccountEvent e, long sequenceNr, AccountState after)
    {
        var opened = e switch
        {
            SignalAccepted a => a.Signal.PairId,
            ExposureOpened o => o.Exposure.PairId,
            _ => null,
        };
        if (opened is not null && !origins.ContainsKey(opened) && IsOpen(after, opened)) origins = origins.Add(opened, sequenceNr);
        // A pair that ends exposed is followed by its exposure's opening: its origin (the acceptance) carries over.
        var exposing = e is PairFinished { Outcome: PairOutcome.Exposed } finished ? finished.PairId : null;
        var closed = origins.Keys.Where(id => id != exposing && !IsOpen(after, id)).ToList();
        return closed.Count == 0 ? origins : origins.RemoveRange(closed);
    }

    /// <summary>
    /// The origins of an account recovered from a snapshot that did not record them: every item it holds open is
    /// taken to begin at the first event, so all of its history stays until the item closes.
    /// </summary>
    public static ImmutableDictionary<string, long> Unknown(AccountState state) =>
        OpenItems(state).ToImmutableDictionary(id => id, _ => 1L);

    /// <summary>
    /// The first sequence number the journal must keep: the oldest tracked origin (a pair that has just ended exposed
    /// is still tracked, its exposure's opening follows it); null when nothing is open. An open item without a
    /// recorded origin keeps everything.
    /// </summary>
    public static long? KeepEventsFrom(AccountState state, ImmutableDictionary<string, long> origins)
    {
        if (OpenItems(state).Any(id => !origins.ContainsKey(id))) return 1;
        return origins.Count == 0 ? null : origins.Values.Min();
    }

    private static IEnumerable<string> OpenItems(AccountState state) =>
        state.InFlight.Keys.Concat(state.Exposures.Values.Where(x => x.ResolvedAt is null).Select(x => x.PairId)).Distinct();

    private static bool IsOpen(AccountState state, string pairId) =>
        state.InFlight.ContainsKey(pairId) || (state.Exposures.TryGetValue(pairId, out var exposure) && exposure.ResolvedAt is null);
}
