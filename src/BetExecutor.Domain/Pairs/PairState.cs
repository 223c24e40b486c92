using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Pairs;

/// <summary>What the pair knows about one leg.</summary>
public sealed record LegProgress(
    ClientReference? ClientReference,
    int Attempts,
    decimal AskedStake,
    decimal AskedOdds,
    AcceptedBet? Bet,
    SettlementState? Settlement)
{
    public static readonly LegProgress None = new(null, 0, 0m, 0m, null, null);

    public bool IsSettled => Settlement is { } s && s.IsFinal();
}

/// <summary>
/// A bet pair's state, rebuilt from its events by <see cref="Apply"/> and advanced by <see cref="Decide"/>
/// (in PairState.Decide.cs). Pure: the current time is always passed in.
/// </summary>
public sealed partial record PairState
{
    public required Identity Identity { get; init; }
    public required string PairId { get; init; }
    public PairStatus Status { get; init; } = PairStatus.NotStarted;
    public Signal? Signal { get; init; }
    public DateTimeOffset SignalAcceptedAt { get; init; }
    public LegProgress Positive { get; init; } = LegProgress.None;
    public LegProgress Hedge { get; init; } = LegProgress.None;
    /// <summary>When the outcome of the leg being reconciled became unknown; lookups run for a window from here.</summary>
    public DateTimeOffset? UnknownSince { get; init; }
    /// <summary>Until when a positive not found in its window is still looked up.</summary>
    public DateTimeOffset? WatchUntil { get; init; }
    public DateTimeOffset? HedgeFirstAttemptAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    /// <summary>The odds the next hedge attempt asks for, when the venue re-priced it.</summary>
    public decimal? RepricedHedgeOdds { get; init; }
    public int Polls { get; init; }
    public PairOutcome? Outcome { get; init; }

    public static PairState Initial(Identity identity, string pairId) => new() { Identity = identity, PairId = pairId };

    /*
     * The one transition table (DESIGN §3). Every allowed (state, event) edge is one line below; any other pair
     * throws, so an actor that meets an impossible history restarts from its journal instead of limping on.
     *
     *  NotStarted ─PositiveIntentRecorded─► PositivePending ─PositiveAccepted─► PositiveAccepted ─HedgeIntentRecorded─► HedgePending
     *      │                                 │  │                                   │                                     │ │ │
     *      └PairAbandoned► Abandoned         │  └PositiveRejected► PositiveRejected └ExposureRaised► Exposed              │ │ └HedgeAccepted► Settling ─PairSettled► Settled
     *                                        └PositiveOutcomeUnknown► PositiveUnknown ─PositiveAccepted─► PositiveAccepted │ │                 └ExposureRaised► Exposed
     *                                                 │ └PositiveNotFound► PositiveWatching                              │ └HedgeOutcomeUnknown► HedgeUnknown ─HedgeAccepted► Settling
     *                                                 └ExposureRaised► Exposed                                           └HedgeRejected► HedgeRetryWaiting | HedgeFailed
     *  PositiveWatching ─PositiveWatchEnded► PositiveRejected | ─PositiveAccepted► PositiveAccepted (the bet showed late);
 *  HedgeUnknown ─HedgeNotFound► HedgeRetryWaiting | HedgeFailed;  HedgeRetryWaiting ─HedgeIntentRecorded► HedgePending | ─ExposureRaised► Exposed;
 *  HedgeFailed ─ExposureRaised► Exposed
     */
    public PairState Apply(PairEvent e) => (Status, e) switch
    {
        (PairStatus.NotStarted, PositiveIntentRecorded i) => this with
        {
            Status = PairStatus.PositivePending,
            Signal = i.Signal,
            SignalAcceptedAt = i.SignalAcceptedAt,
            Positive = LegProgress.None with { ClientReference = i.ClientReference, Attempts = 1, AskedStake = i.Stake, AskedOdds = i.Odds },
        },
        (PairStatus.NotStarted, PairAbandoned a) => this with
        {
            Status = PairStatus.Abandoned,
            Outcome = new PairOutcome(PairResult.Rejected, RejectionCode: "stale-signal", Detail: a.Reason),
        },

        (PairStatus.PositivePending, PositiveAccepted a) => AcceptPositive(a),
        // An unknown placement that a lookup then found: the venue did take it.
        (PairStatus.PositiveUnknown, PositiveAccepted a) => AcceptPositive(a),
        (PairStatus.PositivePending, PositiveRejected r) => this with
        {
            Status = PairStatus.PositiveRejected,
            Outcome = new PairOutcome(PairResult.Rejected, RejectionCode: r.Code, Detail: r.Permanent ? "permanent" : "transient"),
        },
        (PairStatus.PositivePending, PositiveOutcomeUnknown u) => this with { Status = PairStatus.PositiveUnknown, UnknownSince = u.Meta.At },
        // Not found through the whole window: most likely never taken; watched a while longer for a late bet.
        (PairStatus.PositiveUnknown, PositiveNotFound n) => this with
        {
            Status = PairStatus.PositiveWatching,
            UnknownSince = null,
            WatchUntil = n.WatchUntil,
        },
        // The bet showed up late after all: it stands, and the pair goes on as if it had been found in the window.
        (PairStatus.PositiveWatching, PositiveAccepted a) => AcceptPositive(a) with { WatchUntil = null },
        (PairStatus.PositiveWatching, PositiveWatchEnded) => this with
        {
            Status = PairStatus.PositiveRejected,
            WatchUntil = null,
            Outcome = new PairOutcome(PairResult.Rejected, RejectionCode: "not-found-after-window"),
        },
        (PairStatus.PositiveUnknown, ExposureRaised x) => Expose(x),

        (PairStatus.PositiveAccepted, HedgeIntentRecorded h) => RecordHedgeIntent(h),
        // The hedge was refused before it was sent (price below minOdds, stake rounds to nothing).
        (PairStatus.PositiveAccepted, ExposureRaised x) => Expose(x),

        (PairStatus.HedgePending, HedgeAccepted a) => AcceptHedge(a),
        (PairStatus.HedgeUnknown, HedgeAccepted a) => AcceptHedge(a),
        (PairStatus.HedgePending, HedgeRejected r) => this with
        {
            Status = r.RetryAt is null ? PairStatus.HedgeFailed : PairStatus.HedgeRetryWaiting,
            NextAttemptAt = r.RetryAt,
            RepricedHedgeOdds = r.RepricedOdds ?? RepricedHedgeOdds,
        },
        (PairStatus.HedgePending, HedgeOutcomeUnknown u) => this with { Status = PairStatus.HedgeUnknown, UnknownSince = u.Meta.At },
        (PairStatus.HedgeUnknown, HedgeNotFound n) => this with
        {
            Status = n.RetryAt is null ? PairStatus.HedgeFailed : PairStatus.HedgeRetryWaiting,
            NextAttemptAt = n.RetryAt,
            UnknownSince = null,
        },
        (PairStatus.HedgeUnknown, ExposureRaised x) => Expose(x),
        (PairStatus.HedgeRetryWaiting, HedgeIntentRecorded h) => RecordHedgeIntent(h),
        // The retry was due but the re-priced hedge could not be sized: the positive stands unhedged.
        (PairStatus.HedgeRetryWaiting, ExposureRaised x) => Expose(x),
        (PairStatus.HedgeFailed, ExposureRaised x) => Expose(x),

        (PairStatus.Settling, SettlementPolled p) => this with
        {
            Polls = p.Poll,
            // A final state, once seen, sticks: a later failed or missing query does not erase it.
            Positive = Positive.IsSettled ? Positive : Positive with { Settlement = p.Positive ?? Positive.Settlement },
            Hedge = Hedge.IsSettled ? Hedge : Hedge with { Settlement = p.Hedge ?? Hedge.Settlement },
        },
        (PairStatus.Settling, PairSettled s) => this with
        {
            Status = PairStatus.Settled,
            Outcome = new PairOutcome(PairResult.Settled, Positive: SnapshotOf(LegKind.Positive), Hedge: SnapshotOf(LegKind.Hedge)),
        },
        (PairStatus.Settling, ExposureRaised x) => Expose(x),

        _ => throw new InvalidPairTransitionException(PairId, Status, e),
    };

    private PairState AcceptPositive(PositiveAccepted a) => this with
    {
        Status = PairStatus.PositiveAccepted,
        Positive = Positive with { Bet = a.Bet },
        UnknownSince = null,
    };

    private PairState RecordHedgeIntent(HedgeIntentRecorded h) => this with
    {
        Status = PairStatus.HedgePending,
        Hedge = Hedge with { ClientReference = h.ClientReference, Attempts = h.Attempt, AskedStake = h.Stake, AskedOdds = h.Odds },
        HedgeFirstAttemptAt = HedgeFirstAttemptAt ?? h.Meta.At,
        NextAttemptAt = null,
        RepricedHedgeOdds = null,
    };

    private PairState AcceptHedge(HedgeAccepted a) => this with
    {
        Status = PairStatus.Settling,
        Hedge = Hedge with { Bet = a.Bet },
        UnknownSince = null,
    };

    private PairState Expose(ExposureRaised x) => this with
    {
        Status = PairStatus.Exposed,
        UnknownSince = null,
        Outcome = new PairOutcome(PairResult.Exposure, ExposureReason: x.Reason, Detail: x.Detail, Positive: x.Positive, Hedge: x.Hedge),
    };

    public LegSnapshot SnapshotOf(LegKind leg)
    {
        var progress = leg == LegKind.Positive ? Positive : Hedge;
        var identity = leg == LegKind.Positive ? Identity : Signal?.Hedge.Identity ?? Identity;
        return new LegSnapshot(
            identity.Key,
            progress.ClientReference?.Value,
            progress.AskedStake,
            progress.AskedOdds,
            progress.Bet?.BetId,
            progress.Bet?.Stake,
            progress.Bet?.Odds,
            progress.Settlement);
    }
}

public sealed class InvalidPairTransitionException(string pairId, PairStatus status, PairEvent e)
    : InvalidOperationException($"pair {pairId}: event {e.GetType().Name} is not allowed in state {status}");
