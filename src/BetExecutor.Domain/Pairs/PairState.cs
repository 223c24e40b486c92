using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using static BetExecutor.Domain.Pairs.PairPhase;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// A bet pair's state, rebuilt from its events by <see cref="Apply"/> and advanced by <see cref="Decide"/>
/// (in PairState.Decide.cs). Pure: the current time is always passed in. What the pair knows lives in its
/// <see cref="Phase"/>, one record per status, so no status can be read with data it does not have.
/// </summary>
public sealed partial record PairState
{
    public required Identity Identity { get; init; }
    public required string PairId { get; init; }
    public PairPhase Phase { get; init; } = NotStarted.Instance;

    public PairStatus Status => Phase.Status;

    /// <summary>The signal, once the positive's intent is recorded.</summary>
    public Signal? Signal => Phase is Started started ? started.Core.Signal : null;

    /// <summary>The outcome, once the pair has ended.</summary>
    public PairOutcome? Outcome => Phase is Ended ended ? ended.Outcome : null;

    public static PairState Initial(Identity identity, string pairId) => new() { Identity = identity, PairId = pairId };

    /*
     * The one transition table (docs/architecture.md, "The pair"). Each allowed (phase, event) edge is one line of
     * Apply below; any other pair throws, so an actor that meets an impossible history restarts from its journal
     * instead of limping on. X = ExposureRaised; (t) = transient, always persisted with the next event.
     *
     *  NotStarted
     *    ├─PairAbandoned──────────────► Abandoned
     *    └─PositiveIntentRecorded─────► PositivePending
     *  PositivePending
     *    ├─PositiveAccepted───────────► PositiveAccepted (t)
     *    ├─PositiveRejected───────────► PositiveRejected
     *    └─PositiveOutcomeUnknown─────► PositiveUnknown
     *  PositiveUnknown
     *    ├─PositiveAccepted───────────► PositiveAccepted (t)
     *    ├─PositiveNotFound───────────► PositiveWatching
     *    └─X──────────────────────────► Exposed
     *  PositiveWatching
     *    ├─PositiveAccepted───────────► PositiveAccepted (t)    the bet showed late
     *    └─PositiveWatchEnded─────────► PositiveRejected
     *  PositiveAccepted (t)
     *    ├─HedgeIntentRecorded────────► HedgePending
     *    └─X──────────────────────────► Exposed                 hedge refused before sending, or venue anomaly
     *  HedgePending
     *    ├─HedgeAccepted──────────────► Settling
     *    ├─HedgeRejected──────────────► HedgeRetryWaiting | HedgeFailed (t)
     *    └─HedgeOutcomeUnknown────────► HedgeUnknown
     *  HedgeUnknown
     *    ├─HedgeAccepted──────────────► Settling
     *    ├─HedgeNotFound──────────────► HedgeRetryWaiting | HedgeFailed (t)
     *    └─X──────────────────────────► Exposed
     *  HedgeRetryWaiting
     *    ├─HedgeIntentRecorded────────► HedgePending
     *    └─X──────────────────────────► Exposed
     *  HedgeFailed (t)
     *    └─X──────────────────────────► Exposed
     *  Settling
     *    ├─SettlementPolled───────────► Settling
     *    ├─PairSettled────────────────► Settled
     *    └─X──────────────────────────► Exposed                 unbalanced, poll limit, hedge short, venue anomaly
     *  Abandoned, PositiveRejected, Settled, Exposed: terminal, no edge out.
     */
    public PairState Apply(PairEvent e) => this with
    {
        Phase = (Phase, e) switch
        {
            (NotStarted, PairAbandoned a) => new Abandoned(new PairOutcome.NothingStands(a.Reason.AsNothingStands(), a.Detail)),
            (NotStarted, PositiveIntentRecorded i) =>
                new PositivePending(new PairCore(i.Signal, i.SignalAcceptedAt, new LegAsk(i.ClientReference, i.Stake, i.Odds))),

            (PositivePending p, PositiveAccepted a) => new PairPhase.PositiveAccepted(p.Core, a.Bet),
            (PositivePending, PositiveRejected r) => new PairPhase.PositiveRejected(new PairOutcome.NothingStands(
                r.Permanent ? NothingStandsReason.PositiveRejectedPermanently : NothingStandsReason.PositiveRejectedTransiently, r.Code)),
            (PositivePending p, PositiveOutcomeUnknown u) => new PositiveUnknown(p.Core, u.Meta.At),

            // An unknown placement that a lookup then found: the venue did take it.
            (PositiveUnknown p, PositiveAccepted a) => new PairPhase.PositiveAccepted(p.Core, a.Bet),
            // Not found through the whole window: most likely never taken; watched a while longer for a late bet.
            (PositiveUnknown p, PositiveNotFound n) => new PositiveWatching(p.Core, n.WatchUntil),
            (PositiveUnknown, ExposureRaised x) => Expose(x),

            // The bet showed up late after all: it stands, and the pair goes on as if it had been found in the window.
            (PositiveWatching p, PositiveAccepted a) => new PairPhase.PositiveAccepted(p.Core, a.Bet),
            (PositiveWatching p, PositiveWatchEnded) => new PairPhase.PositiveRejected(new PairOutcome.NothingStands(
                NothingStandsReason.PositiveNotFound, $"not found by lookups until {p.Until:O}")),

            (PairPhase.PositiveAccepted p, HedgeIntentRecorded h) =>
                new HedgePending(p.Core, p.Positive, new HedgeAttempt(new LegAsk(h.ClientReference, h.Stake, h.Odds), h.Attempt, h.Meta.At)),
            // The hedge was refused before it was sent (price below minOdds, stake rounds to nothing), or the venue's
            // answer about the positive was out of bounds.
            (PairPhase.PositiveAccepted, ExposureRaised x) => Expose(x),

            (HedgePending p, HedgeAccepted a) => new Settling(p.Core, p.Positive, p.Hedge, a.Bet, 0, null, null),
            (HedgePending p, HedgeRejected r) => r.RetryAt is { } retryAt
                ? new HedgeRetryWaiting(p.Core, p.Positive, p.Hedge, retryAt, r.RepricedOdds ?? p.Hedge.Ask.Odds)
                : new HedgeFailed(p.Core, p.Positive, p.Hedge),
            (HedgePending p, HedgeOutcomeUnknown u) => new HedgeUnknown(p.Core, p.Positive, p.Hedge, u.Meta.At),

            (HedgeUnknown p, HedgeAccepted a) => new Settling(p.Core, p.Positive, p.Hedge, a.Bet, 0, null, null),
            (HedgeUnknown p, HedgeNotFound n) => n.RetryAt is { } retryAt
                ? new HedgeRetryWaiting(p.Core, p.Positive, p.Hedge, retryAt, p.Hedge.Ask.Odds)
                : new HedgeFailed(p.Core, p.Positive, p.Hedge),
            (HedgeUnknown, ExposureRaised x) => Expose(x),

            // Every attempt keeps the leg's client reference and the first attempt's time (the retry budget runs from it).
            (HedgeRetryWaiting p, HedgeIntentRecorded h) =>
                new HedgePending(p.Core, p.Positive, p.Hedge with { Ask = new LegAsk(h.ClientReference, h.Stake, h.Odds), Number = h.Attempt }),
            // The retry was due but the re-priced hedge could not be sized: the positive stands unhedged.
            (HedgeRetryWaiting, ExposureRaised x) => Expose(x),

            (HedgeFailed, ExposureRaised x) => Expose(x),

            (Settling p, SettlementPolled polled) => p.After(polled),
            (Settling p, PairSettled) => new Settled(new PairOutcome.Settled(SnapshotOf(LegKind.Positive), SnapshotOf(LegKind.Hedge))),
            (Settling, ExposureRaised x) => Expose(x),

            _ => throw new InvalidPairTransitionException(PairId, Status, e),
        },
    };

    private static Exposed Expose(ExposureRaised x) => new(new PairOutcome.Exposed(x.Reason, x.Detail, x.Positive, x.Hedge));

    /// <summary>A leg as far as the pair knows it now; a leg not asked for yet has no reference and zero amounts.</summary>
    public LegSnapshot SnapshotOf(LegKind leg)
    {
        if (leg == LegKind.Positive)
        {
            var ask = (Phase as Started)?.Core.Positive;
            var bet = (Phase as PositiveStands)?.Positive;
            var settlement = (Phase as Settling)?.PositiveSettlement;
            return Snapshot(Identity, ask, bet, settlement);
        }
        var hedgeIdentity = Signal?.Hedge.Identity ?? Identity;
        return Snapshot(hedgeIdentity, (Phase as Hedging)?.Hedge.Ask, (Phase as Settling)?.HedgeBet, (Phase as Settling)?.HedgeSettlement);
    }

    private static LegSnapshot Snapshot(Identity identity, LegAsk? ask, AcceptedBet? bet, SettlementState? settlement) =>
        new(identity.Key, ask?.ClientReference.Value, ask?.Stake ?? 0m, ask?.Odds ?? 0m, bet?.BetId, bet?.Stake, bet?.Odds, settlement);
}

public sealed class InvalidPairTransitionException(string pairId, PairStatus status, PairEvent e)
    : InvalidOperationException($"pair {pairId}: event {e.GetType().Name} is not allowed in state {status}");
