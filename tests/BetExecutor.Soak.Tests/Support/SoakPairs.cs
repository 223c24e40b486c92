using System.Collections.Concurrent;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>A fault the soak scripts on a leg itself, because no fault profile draws it: the venue's bet search is down.</summary>
public enum LegFault
{
    None,
    /// <summary>Bet taken, answer lost, and every lookup of the reference fails.</summary>
    LookupDownPlaced,
    /// <summary>Bet not taken, answer lost, and every lookup of the reference fails.</summary>
    LookupDownNotPlaced,
}

/// <summary>One pair the soak sends: the signal, when, and what the soak itself did to its legs.</summary>
public sealed record PairPlan(Signal Signal, int Round, DateTimeOffset SentAt, LegFault PositiveFault, LegFault HedgeFault, bool Mismatched)
{
    public Identity Owner => Signal.Identity;

    public Identity HedgeAccount => Signal.Hedge.Identity;

    public string PairId => Signal.PairId;

    public ClientReference PositiveRef { get; } = ClientReference.For(Signal.Identity, Signal.PairId, LegKind.Positive);

    public ClientReference HedgeRef { get; } = ClientReference.For(Signal.Identity, Signal.PairId, LegKind.Hedge);

    public override string ToString() => $"{Owner.Key} {PairId} (round {Round}, refs {PositiveRef}/{HedgeRef})";
}

/// <summary>Every pair sent, found by either leg's client reference.</summary>
public sealed class SoakPairs
{
    private readonly ConcurrentDictionary<string, (PairPlan Pair, LegKind Leg)> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PairPlan> _inOrder = new();

    public void Add(PairPlan pair)
    {
        if (!_byReference.TryAdd(pair.PositiveRef.Value, (pair, LegKind.Positive)) || !_byReference.TryAdd(pair.HedgeRef.Value, (pair, LegKind.Hedge)))
            throw new InvalidOperationException($"client reference collision for {pair}");
        _inOrder.Enqueue(pair);
    }

    public bool TryFind(ClientReference reference, out PairPlan pair, out LegKind leg)
    {
        if (_byReference.TryGetValue(reference.Value, out var found))
        {
            (pair, leg) = found;
            return true;
        }
        pair = null!;
        leg = default;
        return false;
    }

    public IReadOnlyList<PairPlan> All => _inOrder.ToArray();
}
