using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Scenarios;

/// <summary>One thing a scenario does, <see cref="At"/> after the scenario's start.</summary>
public abstract record ScenarioStep(TimeSpan At);

/// <summary>
/// Sends <see cref="Signal"/> to its identity, with the scripted venue answering each leg as
/// <see cref="Positive"/> and <see cref="Hedge"/> say.
/// </summary>
public sealed record SignalStep(TimeSpan At, Signal Signal, LegScript Positive, LegScript Hedge) : ScenarioStep(At)
{
    /// <summary>
    /// The positive leg when the file gives no <c>venue.positive</c>: accepted, visible at once, and won — the
    /// expected outcome, so a scenario only scripts the venue when it tests something going wrong.
    /// </summary>
    public static readonly LegScript DefaultPositive = new(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero);

    /// <summary>The hedge leg when the file gives no <c>venue.hedge</c>: accepted, visible at once, and lost (the positive won).</summary>
    public static readonly LegScript DefaultHedge = new(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero);
}

/// <summary>Engages the kill switch of one identity: no new positive legs; pairs in flight still complete.</summary>
public sealed record HaltStep(TimeSpan At, Identity Identity) : ScenarioStep(At);

/// <summary>Releases the kill switch of one identity.</summary>
public sealed record ResumeStep(TimeSpan At, Identity Identity) : ScenarioStep(At);

/// <summary>An operator resolves the open exposure of the pair of <see cref="SignalId"/>, giving <see cref="Reason"/>.</summary>
public sealed record ResolveExposureStep(TimeSpan At, string SignalId, string Reason) : ScenarioStep(At);

/// <summary>Stops the node and starts it again from its journal; only meaningful when the run persists to Redis.</summary>
public sealed record RestartStep(TimeSpan At) : ScenarioStep(At);
