using BetExecutor.Domain.Events;

namespace BetExecutor.Domain.KillSwitch;

/// <summary>
/// The global kill switch, rebuilt from its events. While it is on no identity accepts a new signal; pairs already
/// in flight finish (a positive already recorded is still hedged and settled). Pure.
/// </summary>
/// <param name="Halted">On: new signals are refused everywhere.</param>
/// <param name="Reason">Why it was last switched (on or off).</param>
/// <param name="By">Who last switched it (the admin token's name).</param>
/// <param name="At">When it was last switched.</param>
public sealed record KillSwitchState(bool Halted, string? Reason, string? By, DateTimeOffset? At)
{
    /// <summary>What the switch's events carry as their identity key: it concerns every identity.</summary>
    public const string Subject = "*";

    /// <summary>Never switched: off.</summary>
    public static KillSwitchState Initial { get; } = new(false, null, null, null);

    public KillSwitchState Apply(KillSwitchEvent e) => e switch
    {
        GlobalHaltSwitchedOn on => new KillSwitchState(true, on.Reason, on.By, on.Meta.At),
        GlobalHaltSwitchedOff off => new KillSwitchState(false, off.Reason, off.By, off.Meta.At),
        _ => throw new InvalidOperationException($"unknown kill switch event {e.GetType().Name}"),
    };

    /// <summary>Switch it on; refused without a reason or when it is on already (the first halt's reason stays).</summary>
    public KillSwitchDecision DecideHaltAll(string? reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new KillSwitchDecision.Refuse("reason: halting every identity needs a reason");
        if (Halted) return new KillSwitchDecision.Refuse($"the global kill switch is already on since {At:O} by {By}: {Reason}");
        return new KillSwitchDecision.Record(new GlobalHaltSwitchedOn(reason.Trim(), by) { Meta = new EventMeta(now, Subject) });
    }

    public KillSwitchDecision DecideResumeAll(string? reason, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new KillSwitchDecision.Refuse("reason: resuming every identity needs a reason");
        if (!Halted) return new KillSwitchDecision.Refuse("the global kill switch is off");
        return new KillSwitchDecision.Record(new GlobalHaltSwitchedOff(reason.Trim(), by) { Meta = new EventMeta(now, Subject) });
    }
}

/// <summary>What an operator's switch command amounts to: an event to persist, or why not.</summary>
public abstract record KillSwitchDecision
{
    private KillSwitchDecision() { }

    public sealed record Record(KillSwitchEvent Event) : KillSwitchDecision;

    public sealed record Refuse(string Reason) : KillSwitchDecision;
}
