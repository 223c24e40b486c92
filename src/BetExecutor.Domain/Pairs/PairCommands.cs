using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Pairs;

/// <summary>Inputs the pair decides on: its start, the venue's answers, its own timer, and recovery.</summary>
public abstract record PairCommand;

/// <param name="StartBy">The pair places nothing if it gets to start later than this (its signal's receipt + max-signal-age).</param>
/// <param name="GlobalHalt">Why new positives are stopped everywhere now (the global kill switch is on, or its state is
/// not known on the node), or null: a pair that has not recorded its positive intent yet places nothing then.</param>
/// <param name="NewAcceptance">The account has just accepted the signal (false: it resumes a pair it knew in flight). A
/// new acceptance that finds the pair already ended is a reused id: reported, never run again.</param>
/// <param name="ReferencePerAcceptance">The acceptance recorded per-acceptance client references: the legs' references
/// also hash <paramref name="SignalAcceptedAt"/> (see <see cref="Legs.ClientReference"/>).</param>
public sealed record StartPair(Signal Signal, DateTimeOffset SignalAcceptedAt, DateTimeOffset? StartBy = null, string? GlobalHalt = null, bool NewAcceptance = false,
    bool ReferencePerAcceptance = false) : PairCommand;

public sealed record PlacementAnswered(LegKind Leg, PlacementResult Result) : PairCommand;

public sealed record LookupAnswered(LegKind Leg, LookupResult Result) : PairCommand;

/// <summary>A settlement poll's answers; a leg that was not queried (already final) is null.</summary>
public sealed record SettlementAnswered(SettlementResult? Positive, SettlementResult? Hedge) : PairCommand;

/// <summary>The pair's timer fired. What it means depends on the state (next lookup, hedge retry, next poll).</summary>
public sealed record WakeUp : PairCommand
{
    public static readonly WakeUp Instance = new();
}

/// <summary>The pair was recovered from its journal and must pick up where its events left it.</summary>
public sealed record ResumeAfterRecovery : PairCommand
{
    public static readonly ResumeAfterRecovery Instance = new();
}
