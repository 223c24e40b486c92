namespace BetExecutor.Domain.Pairs;

/// <summary>Events to persist, then effects to carry out once they are persisted, in this order.</summary>
public sealed record PairDecision(IReadOnlyList<PairEvent> Events, IReadOnlyList<PairEffect> Effects)
{
    /// <summary>The command means nothing in this state (a late answer, a stale timer): nothing happens.</summary>
    public static readonly PairDecision Ignore = new([], []);

    public bool IsIgnored => Events.Count == 0 && Effects.Count == 0;
}
