using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Actors.Accounts;

public enum SignalAnswerKind
{
    /// <summary>Accepted: the pair runs.</summary>
    Executed,
    /// <summary>Denied by our controls; nothing was sent.</summary>
    Rejected,
    /// <summary>A repeat of a signal id: <see cref="SignalAnswer.First"/> is the first decision; nothing was done.</summary>
    Duplicate,
    /// <summary>
    /// The decision's outcome is not known (its write timed out or the connection broke mid-write): the signal may
    /// or may not execute. Ask again with the same signal id: the answer is then the first decision, as stored.
    /// </summary>
    Unknown,
}

public static class SignalAnswerKindCodes
{
    /// <summary>The one spelling of a decision, shared by the journal, logs and the gateway's answers.</summary>
    public static string Code(this SignalAnswerKind kind) => kind switch
    {
        SignalAnswerKind.Executed => "executed",
        SignalAnswerKind.Rejected => "rejected",
        SignalAnswerKind.Duplicate => "duplicate",
        SignalAnswerKind.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

public sealed record SignalAnswer(
    string SignalId,
    SignalAnswerKind Kind,
    DenialReason? Reason,
    string Detail,
    DateTimeOffset? CooldownUntil,
    SignalVerdict? First = null,
    bool DryRun = false) : IExecutorMessage;

/// <summary>An operator command's result.</summary>
public abstract record OperatorAnswer : IExecutorMessage
{
    private OperatorAnswer() { }

    public sealed record Done(string Detail) : OperatorAnswer;

    public sealed record Refused(string Reason) : OperatorAnswer;
}

public sealed record AccountStatus(
    Identity Identity,
    DateTimeOffset? CooldownUntil,
    HaltState? Halt,
    string? ExecutingPairId,
    IReadOnlyList<string> PairsInFlight,
    IReadOnlyList<ExposureRecord> Exposures,
    int SignalsSeen,
    DateTimeOffset AsOf,
    LimitedState? Limited = null,
    bool DryRun = false) : IExecutorMessage;

/// <summary>
/// The answer to <see cref="GetSignalState"/>: the signal's first decision and where its pair stands, as of
/// <paramref name="AsOf"/>; <paramref name="Standing"/> is null when the identity never saw the signal id.
/// </summary>
public sealed record SignalState(Identity Identity, string SignalId, SignalStanding? Standing, DateTimeOffset AsOf, bool DryRun = false) : IExecutorMessage;

/// <summary>
/// The answer to <see cref="GetIdentityDetail"/>: the status, the identity's limits and today's positive stake, where
/// the account runs (the member's address, the node's name and incarnation), its last sequence number, and the global
/// kill switch as that node applies it (<paramref name="KillSwitch"/> null: not known there, no new signal is taken).
/// </summary>
public sealed record IdentityDetail(
    AccountStatus Status,
    IdentityLimits Limits,
    decimal StakeToday,
    string Address,
    string Node,
    string Incarnation,
    long LastSequenceNr,
    KillSwitch.KillSwitchStatus? KillSwitch) : IExecutorMessage;
