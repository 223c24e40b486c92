namespace BetExecutor.Domain.Legs;

/// <summary>
/// The idempotency key a leg is placed with. It is persisted before the request leaves, is the same for every
/// attempt of the leg, and is how an unknown outcome is resolved (lookup by client reference).
/// </summary>
public sealed record ClientReference(string Value)
{
    public static ClientReference For(string pairId, LegKind leg) =>
        new($"{pairId}:{(leg == LegKind.Positive ? "pos" : "hdg")}");

    public override string ToString() => Value;
}
