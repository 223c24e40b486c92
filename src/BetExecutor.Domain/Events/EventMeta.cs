namespace BetExecutor.Domain.Events;

/// <summary>
/// The context every persisted event carries: when it happened, whose it is, and which writer recorded it.
/// The domain fills <see cref="At"/>, <see cref="IdentityKey"/> and <see cref="PairId"/>; the actor that persists the
/// event stamps <see cref="Node"/> and <see cref="Incarnation"/> (worker id tracking, docs/architecture.md §5), so a stale
/// incarnation's writes can be told apart in the history. <see cref="DryRun"/> marks every event of a dry-run identity.
/// </summary>
public sealed record EventMeta(
    DateTimeOffset At,
    string IdentityKey,
    string? PairId = null,
    string Node = "",
    string Incarnation = "",
    bool DryRun = false);

/// <summary>Every persisted domain event.</summary>
public interface IDomainEvent
{
    EventMeta Meta { get; }
}

/// <summary>Every persisted snapshot of domain state.</summary>
public interface IDomainSnapshot;
