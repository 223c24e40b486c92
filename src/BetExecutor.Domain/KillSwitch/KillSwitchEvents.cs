using BetExecutor.Domain.Events;

namespace BetExecutor.Domain.KillSwitch;

/// <summary>
/// The global kill switch's history (docs/architecture.md: the kill switch): one journal for the whole cluster.
/// Schema version 1. <see cref="IDomainEvent.Meta"/>'s identity key is <see cref="KillSwitchState.Subject"/>.
/// </summary>
public abstract record KillSwitchEvent : IDomainEvent
{
    public required EventMeta Meta { get; init; }
}

/// <summary>An operator (<paramref name="By"/>: the admin token's name) stopped every identity from taking new signals.</summary>
public sealed record GlobalHaltSwitchedOn(string Reason, string By) : KillSwitchEvent;

/// <summary>An operator lifted the global halt.</summary>
public sealed record GlobalHaltSwitchedOff(string Reason, string By) : KillSwitchEvent;
