namespace BetExecutor.Domain.Legs;

/// <summary>The two legs of a pair. The positive is always placed first; the hedge only after it is confirmed.</summary>
public enum LegKind
{
    Positive,
    Hedge,
}
