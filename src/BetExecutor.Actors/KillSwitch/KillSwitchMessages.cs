namespace BetExecutor.Actors.KillSwitch;

/// <summary>Switch the global kill switch on. Answered with a <see cref="KillSwitchStatus"/> once stored, or <see cref="KillSwitchRefused"/>.</summary>
/// <param name="By">The operator: the admin token's name.</param>
public sealed record HaltAll(string Reason, string By) : IExecutorMessage;

/// <summary>Switch it off. Answered like <see cref="HaltAll"/>.</summary>
public sealed record ResumeAll(string Reason, string By) : IExecutorMessage;

/// <summary>Answered with the switch's <see cref="KillSwitchStatus"/> as its singleton holds it.</summary>
public sealed record GetKillSwitch : IExecutorMessage;

/// <summary>
/// The switch as stored: on or off, why, by whom and since when (all null when it was never switched), and the
/// sequence number of its last event (0: never), which orders every copy of it a node learns.
/// </summary>
public sealed record KillSwitchStatus(bool Halted, string? Reason, string? By, DateTimeOffset? At, long SequenceNr) : IExecutorMessage
{
    /// <summary>Never switched: off.</summary>
    public static KillSwitchStatus NeverSwitched { get; } = new(false, null, null, null, 0);
}

public sealed record KillSwitchRefused(string Reason) : IExecutorMessage;

/// <summary>
/// Tells a node's <see cref="KillSwitchReplica"/> the switch's new state (sent to every executor after a change is
/// stored). Answered with <see cref="AppliedKillSwitch"/>; an older state than the node knows changes nothing.
/// </summary>
public sealed record ApplyKillSwitch(KillSwitchStatus Status) : IExecutorMessage;

/// <summary>Answered with what this node's accounts decide by now: <see cref="AppliedKillSwitch"/>.</summary>
public sealed record GetAppliedKillSwitch : IExecutorMessage;

/// <summary>What a node's accounts decide by: <paramref name="Status"/> null while the node does not know the switch (it takes no new signal then).</summary>
public sealed record AppliedKillSwitch(string Node, KillSwitchStatus? Status) : IExecutorMessage;
