namespace BetExecutor.Domain.Accounts;

/// <summary>
/// Why our own controls refused a signal. Denied is not rejected: a denial means nothing was sent to any venue.
/// A closed set with stable codes (<see cref="DenialReasonCodes.Code"/>) that operators, metrics and tests group by.
/// </summary>
public enum DenialReason
{
    InvalidSignal,
    Halted,
    HaltedGlobally,
    ExposureOpen,
    Cooldown,
    PairExecuting,
    SignalExpired,
    EventStarted,
    StakeBelowMinimum,
    StakeAboveMaximum,
    TooManyOpenPairs,
    DailyStakeLimit,
    AccountLimited,
    StorageUnavailable,
    /// <summary>The identity's history could not be replayed: it is halted until its journal is repaired.</summary>
    RecoveryFailed,
    /// <summary>The signal reached its account, or its pair its start, later than max-signal-age after it was received.</summary>
    SignalTooOld,
    /// <summary>The storage lost history this node wrote: the identity is halted in memory until an operator adopts the storage.</summary>
    StorageLost,
    /// <summary>
    /// The signal id was forgotten after its window, but the pair it once started still has history in the journal:
    /// a pair id runs once, so the new signal placed nothing (send it under a new id).
    /// </summary>
    SignalIdReused,
}

public static class DenialReasonCodes
{
    public static string Code(this DenialReason reason) => reason switch
    {
        DenialReason.InvalidSignal => "invalid-signal",
        DenialReason.Halted => "halted",
        DenialReason.HaltedGlobally => "halted-globally",
        DenialReason.ExposureOpen => "exposure-open",
        DenialReason.Cooldown => "cooldown",
        DenialReason.PairExecuting => "pair-executing",
        DenialReason.SignalExpired => "signal-expired",
        DenialReason.EventStarted => "event-started",
        DenialReason.StakeBelowMinimum => "stake-below-minimum",
        DenialReason.StakeAboveMaximum => "stake-above-maximum",
        DenialReason.TooManyOpenPairs => "too-many-open-pairs",
        DenialReason.DailyStakeLimit => "daily-stake-limit",
        DenialReason.AccountLimited => "account-limited",
        DenialReason.StorageUnavailable => "storage-unavailable",
        DenialReason.RecoveryFailed => "recovery-failed",
        DenialReason.SignalTooOld => "signal-too-old",
        DenialReason.StorageLost => "storage-lost",
        DenialReason.SignalIdReused => "signal-id-reused",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
