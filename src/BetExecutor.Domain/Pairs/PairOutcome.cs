using BetExecutor.Domain.Exposures;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// How a pair ended, as reported to its account. Closed: each case carries exactly what it knows, so nothing that
/// reads an outcome has to guess at a missing field. <see cref="Code"/> is the one spelling shared by the journal,
/// logs, the CLI and tests.
/// </summary>
public abstract record PairOutcome
{
    private PairOutcome() { }

    /// <summary>The stable code of the case: <c>settled</c>, <c>rejected</c> or <c>exposure</c>.</summary>
    public abstract string Code { get; }

    /// <summary>Both legs settled with the expected, balanced outcome.</summary>
    public sealed record Settled(LegSnapshot Positive, LegSnapshot Hedge) : PairOutcome
    {
        public const string StableCode = "settled";
        public override string Code => StableCode;
    }

    /// <summary>Nothing stands at any venue: the positive was refused, never found, or the pair never placed it.</summary>
    public sealed record NothingStands(NothingStandsReason Reason, string Detail) : PairOutcome
    {
        /// <summary>The word the CLI has always shown for a pair that left nothing behind.</summary>
        public const string StableCode = "rejected";
        public override string Code => StableCode;
    }

    /// <summary>Money is exposed; an operator must look.</summary>
    public sealed record Exposed(ExposureReason Reason, string Detail, LegSnapshot Positive, LegSnapshot Hedge) : PairOutcome
    {
        public const string StableCode = "exposure";
        public override string Code => StableCode;
    }
}

/// <summary>Why a pair ended with nothing placed or standing. A closed set with stable codes (<see cref="NothingStandsReasonCodes"/>).</summary>
public enum NothingStandsReason
{
    /// <summary>The venue refused the positive for good (e.g. market closed); the venue's code is the detail.</summary>
    PositiveRejectedPermanently,
    /// <summary>The venue refused the positive for now (e.g. price moved); it is not retried, the signal is spent.</summary>
    PositiveRejectedTransiently,
    /// <summary>The positive's outcome was unknown and lookups through the window and the late watch never found it.</summary>
    PositiveNotFound,
    /// <summary>The pair could only start too long after its signal was accepted; nothing was sent.</summary>
    StaleSignal,
    /// <summary>The signal had expired by the time its pair started; nothing was sent.</summary>
    SignalExpired,
    /// <summary>The pair could only start later than max-signal-age after the ingress received its signal; nothing was sent.</summary>
    SignalTooOld,
    /// <summary>The global kill switch was on (or not known) when the pair was to record its positive; nothing was sent.</summary>
    HaltedGlobally,
    /// <summary>
    /// A new signal came under the id of a pair that had already ended (its id was forgotten by the account after the
    /// signal-id window, its history was not): the old pair is not run again and nothing was sent.
    /// </summary>
    SignalIdReused,
}

public static class NothingStandsReasonCodes
{
    public static string Code(this NothingStandsReason reason) => reason switch
    {
        NothingStandsReason.PositiveRejectedPermanently => "positive-rejected-permanent",
        NothingStandsReason.PositiveRejectedTransiently => "positive-rejected-transient",
        NothingStandsReason.PositiveNotFound => "not-found-after-window",
        NothingStandsReason.StaleSignal => "stale-signal",
        NothingStandsReason.SignalExpired => "signal-expired",
        NothingStandsReason.SignalTooOld => "signal-too-old",
        NothingStandsReason.HaltedGlobally => "halted-globally",
        NothingStandsReason.SignalIdReused => "signal-id-reused",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

/// <summary>Why a pair gave up before it placed anything (<see cref="PairAbandoned"/>).</summary>
public enum AbandonReason
{
    /// <summary>The pair got to run later than the maximum start delay after its signal was accepted.</summary>
    StaleSignal,
    /// <summary>The signal's own expiry had passed when the pair got to run.</summary>
    SignalExpired,
    /// <summary>The pair got to run later than max-signal-age after the ingress received its signal.</summary>
    SignalTooOld,
    /// <summary>The global kill switch was on (or its state not known on the node) when the pair got to run.</summary>
    HaltedGlobally,
}

public static class AbandonReasonCodes
{
    public static string Code(this AbandonReason reason) => reason switch
    {
        AbandonReason.StaleSignal => "stale-signal",
        AbandonReason.SignalExpired => "signal-expired",
        AbandonReason.SignalTooOld => "signal-too-old",
        AbandonReason.HaltedGlobally => "halted-globally",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>An abandoned pair left nothing standing, for the same reason.</summary>
    public static NothingStandsReason AsNothingStands(this AbandonReason reason) => reason switch
    {
        AbandonReason.StaleSignal => NothingStandsReason.StaleSignal,
        AbandonReason.SignalExpired => NothingStandsReason.SignalExpired,
        AbandonReason.SignalTooOld => NothingStandsReason.SignalTooOld,
        AbandonReason.HaltedGlobally => NothingStandsReason.HaltedGlobally,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
