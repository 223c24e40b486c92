using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Pairs;

/// <summary>
/// Runs one pair: positive, hedge, settlement polling, classification (docs/architecture.md §3). Thin by design: it feeds each
/// command to <see cref="PairState.Decide"/>, persists the events, and only then carries out the effects, so no
/// request ever leaves before the intent that authorises it is stored. On recovery it resumes where its events
/// left it, reconciling any leg whose outcome it cannot know by lookup, never by sending again.
/// </summary>
public sealed partial class BetPairActor : ReceivePersistentActor
{
    private readonly ExecutorServices _services;
    private readonly ILoggingAdapter _log;
    private PairState _state;

    /// <param name="positiveReference">The positive leg's client reference, as the account's acceptance gives it (see
    /// <see cref="Domain.Accounts.PairInFlight.Reference"/>); null: the pair id's alone.</param>
    public BetPairActor(Identity identity, string pairId, ExecutorServices services, ClientReference? positiveReference = null)
        : this(identity, pairId, services, null, positiveReference)
    {
    }

    /// <param name="releaseAt">set only by <see cref="ReleaseProps"/>: the pair is started to note its resolved exposure, and acts on nothing.</param>
    public BetPairActor(Identity identity, string pairId, ExecutorServices services, DateTimeOffset? releaseAt, ClientReference? positiveReference)
    {
        positiveReference ??= ClientReference.For(identity, pairId, LegKind.Positive);
        _services = services;
        _releaseAt = releaseAt;
        _state = PairState.Initial(identity, pairId);
        PersistenceId = PersistenceIdFor(identity, pairId);
        _log = Context.GetLogger()
            .WithContext("Identity", identity.Key)
            .WithContext("PairId", pairId)
            .WithContext("SignalId", pairId)
            // Both legs' client references are known from the acceptance: every line of the pair carries them.
            .WithContext("PositiveRef", positiveReference.Value)
            .WithContext("HedgeRef", ClientReference.HedgeOf(positiveReference).Value)
            .WithContext("Node", services.Settings.Node)
            .WithContext("DryRun", services.Settings.Limits.For(identity).DryRun);

        Recover<SnapshotOffer>(RecoverSnapshot);
        Recover<PairEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            if (_releaseAt is { } resolvedAt)
            {
                ReleaseAfterRecovery(resolvedAt);
                return;
            }
            SnapshotIfRecoveredEndedWithout();
            // Resume as a command, after recovery, so that persisting is allowed.
            if (_state.Status != PairStatus.NotStarted) Self.Tell(ResumeAfterRecovery.Instance);
        });
        HandleSnapshotAnswers();
        Command<PairCommand>(c =>
        {
            // A pair started to note a resolution acts on nothing.
            if (_releaseAt is null) Handle(c);
        });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(Identity identity, string pairId) => $"pair/{identity.Key}/{pairId}";

    public static Props Props(Identity identity, string pairId, ExecutorServices services, ClientReference? positiveReference = null) =>
        Akka.Actor.Props.Create(() => new BetPairActor(identity, pairId, services, positiveReference));

    private void Handle(PairCommand command)
    {
        var signal = _state.Signal ?? (command as StartPair)?.Signal;
        var decision = _state.Decide(command, _services.Clock.UtcNow, _services.Settings.PairFor(signal));
        if (decision.IsIgnored)
        {
            _log.Debug("Ignored {Command} in state {Status}", command.GetType().Name, _state.Status);
            return;
        }
        if (decision.Events.Count == 0)
        {
            CarryOut(decision.Effects);
            return;
        }
        var stamped = decision.Events.Select(Stamp).ToArray();
        PersistAll(stamped, e =>
        {
            var before = _state;
            _state = _state.Apply(e);
            _services.Observer.PairEventStored(before, e, _services.Clock.UtcNow);
            LogEvent(e);
            SnapshotIfEnded();
        });
        DeferAsync(decision.Effects, CarryOut);
    }

    private PairEvent Stamp(PairEvent e) =>
        e with { Meta = e.Meta with { Node = _services.Settings.Node, Incarnation = _services.Settings.Incarnation, DryRun = DryRun } };

    private bool DryRun => _services.Settings.Limits.For(_state.Identity).DryRun;

    private void CarryOut(IReadOnlyList<PairEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case PlaceLeg place:
                    Place(place);
                    break;
                case LookUpLeg lookUp:
                    LookUp(lookUp);
                    break;
                case PollSettlement poll:
                    Poll(poll);
                    break;
                case WakeAt wake:
                    _services.Clock.Schedule(wake.At, Self, WakeUp.Instance);
                    break;
                case ReportPositiveIntent intent:
                    Context.Parent.Tell(new PairReportedPositiveIntent(_state.PairId, intent.At));
                    break;
                case ReportPositiveAccepted accepted:
                    Context.Parent.Tell(new PairReportedPositiveAccepted(_state.PairId, accepted.RequestedStake, accepted.Bet.Stake, _services.Clock.UtcNow));
                    break;
                case ReportHedged:
                    Context.Parent.Tell(new PairReportedHedged(_state.PairId, _services.Clock.UtcNow));
                    break;
                case ReportFinished finished:
                    Context.Parent.Tell(new PairReportedFinished(_state.PairId, finished.Outcome, _services.Clock.UtcNow));
                    // Finished pairs are not kept in memory; the owner restarts this one from its events if it must.
                    StopOnceSnapshotAnswered();
                    break;
                case ReportIdReused reused:
                    _log.Warning("A new signal reuses the id of pair {PairId}, which ended {Outcome}; it is not run again", _state.PairId, reused.Earlier.Code);
                    Context.Parent.Tell(new PairReportedIdReused(_state.PairId, reused.Earlier, _services.Clock.UtcNow));
                    // Stopped before the resume queued at recovery runs: the old pair's end is not reported as the new signal's.
                    Context.Stop(Self);
                    break;
                default:
                    throw new InvalidOperationException($"unknown effect {effect.GetType().Name}");
            }
        }
    }

    private void Place(PlaceLeg place)
    {
        var order = place.Order;
        _log.Info("Placing {Leg} {ClientRef} as {LegIdentity}: {Stake} at {Odds}", place.Leg, order.ClientReference.Value,
            order.Account.Key, order.Stake, order.Odds);
        _services.VenueFor(_state.Identity, order.Account).PlaceAsync(order).PipeTo(Self,
            success: result => new PlacementAnswered(place.Leg, result),
            // A client that throws has not told us whether the bet exists: that is Unknown, never Rejected.
            failure: ex => new PlacementAnswered(place.Leg, new PlacementResult.Unknown($"client failure: {ex.GetBaseException().Message}")));
    }

    private void LookUp(LookUpLeg lookUp)
    {
        _services.VenueFor(_state.Identity, lookUp.Account).FindByClientReferenceAsync(lookUp.Account, lookUp.ClientReference).PipeTo(Self,
            success: result => new LookupAnswered(lookUp.Leg, result),
            failure: ex => new LookupAnswered(lookUp.Leg, new LookupResult.Failed(ex.GetBaseException().Message)));
    }

    private void Poll(PollSettlement poll)
    {
        var positive = Query(poll.Positive);
        var hedge = Query(poll.Hedge);
        Task.WhenAll(positive, hedge).PipeTo(Self,
            success: results => new SettlementAnswered(results[0], results[1]),
            failure: ex => new SettlementAnswered(
                poll.Positive is null ? null : new SettlementResult.Failed(ex.GetBaseException().Message),
                poll.Hedge is null ? null : new SettlementResult.Failed(ex.GetBaseException().Message)));
    }

    private Task<SettlementResult?> Query(BetOnVenue? bet) =>
        bet is null
            ? Task.FromResult<SettlementResult?>(null)
            : _services.VenueFor(_state.Identity, bet.Account).GetSettlementAsync(bet.Account, bet.BetId)
                .ContinueWith(t => t.IsCompletedSuccessfully
                    ? t.Result
                    : (SettlementResult?)new SettlementResult.Failed(t.Exception?.GetBaseException().Message ?? "cancelled"),
                    TaskScheduler.Default);

    private void LogEvent(PairEvent e)
    {
        switch (e)
        {
            case ExposureRaised x:
                _log.Warning("Exposure raised on pair {PairId}: {ExposureReason} {Detail}", _state.PairId, x.Reason.Code(), x.Detail);
                break;
            case PositiveRejected r:
                _log.Info("Positive rejected {Code} (permanent {Permanent}); no hedge will be placed", r.Code, r.Permanent);
                break;
            case PairAbandoned a:
                _log.Info("Pair abandoned before placing anything: {Reason} {Detail}", a.Reason.Code(), a.Detail);
                break;
            default:
                _log.Info("{Event} recorded; pair now {Status}", e.GetType().Name, _state.Status);
                break;
        }
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // An event the journal refuses (it cannot be stored) would leave the pair between states: stop, and let the
        // owner restart it from what is stored. No effect of the refused decision was carried out.
        _log.Error(cause, "Journal rejected {Event} at {SequenceNr}; stopping the pair", @event.GetType().Name, sequenceNr);
        // The account halts the identity and looks this pair's legs up at the venue (storage lost, see AccountActor.StorageLoss.cs).
        Context.Parent.Tell(new Accounts.PairStorageRefused(_state.PairId, cause.GetBaseException().Message));
        Context.Stop(Self);
    }
}
