using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// One identity's account (DESIGN §2): a sharded persistent entity that serialises the identity's signals, owns its
/// cooldown, kill switch, exposures and seen signal ids, and parents its pairs. Decisions come from
/// <see cref="AccountState"/>; this actor persists them, then acts.
/// </summary>
public sealed partial class AccountActor : ReceivePersistentActor
{
    private readonly Identity _identity;
    private readonly ExecutorServices _services;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<string, IActorRef> _pairs = [];
    private readonly Dictionary<IActorRef, string> _pairOf = [];
    private AccountState _state;
    private IActorRef? _awaitingAnswer;
    private string? _awaitingSignalId;
    private long _childSerial;

    public AccountActor(Identity identity, ExecutorServices services)
    {
        _identity = identity;
        _services = services;
        _state = AccountState.Initial(identity);
        PersistenceId = PersistenceIdFor(identity);
        _log = Context.GetLogger()
            .WithContext("Identity", identity.Key)
            .WithContext("Node", services.Settings.Node)
            .WithContext("DryRun", services.Settings.Limits.For(identity).DryRun);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AccountSnapshot snapshot) _state = snapshot.State;
        });
        Recover<AccountEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => RestartPairsInFlight());

        Command<ExecuteSignal>(OnExecuteSignal);
        Command<HaltIdentity>(c => OnOperatorDecision(_state.DecideHalt(c.Reason, c.By, Now), $"{_identity} halted"));
        Command<ResumeIdentity>(c => OnOperatorDecision(_state.DecideResume(c.Reason, c.By, Now), $"{_identity} resumed"));
        Command<ResolveExposure>(c => OnOperatorDecision(_state.DecideResolveExposure(c.PairId, c.Reason, c.By, Now), $"exposure on pair {c.PairId} resolved"));
        Command<GetAccountStatus>(_ => Sender.Tell(Status()));
        Command<PairReportedHedged>(r => PersistQuietly(_state.OnPairHedged(r.PairId, r.At)));
        Command<PairReportedPositiveIntent>(r => PersistQuietly(_state.OnPositiveIntent(r.PairId, r.At, _services.Settings.Account)));
        Command<PairReportedPositiveAccepted>(r => PersistQuietly(
            _state.OnPositiveAccepted(r.PairId, r.RequestedStake, r.AcceptedStake, r.At, _services.Settings.Limits.For(_identity))));
        Command<PairReportedFinished>(OnPairFinished);
        Command<Terminated>(t => OnPairStopped(t.ActorRef));
        Command<RestartPair>(r => RestartPairIfStillInFlight(r.PairId));
        Command<SaveSnapshotSuccess>(s => _log.Debug("Snapshot saved at {SequenceNr}", s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => _log.Warning("Snapshot at {SequenceNr} failed: {Error}; recovery replays more events until the next one", f.Metadata.SequenceNr, f.Cause.Message));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(Identity identity) => $"account/{identity.Key}";

    public static Props Props(Identity identity, ExecutorServices services) =>
        Akka.Actor.Props.Create(() => new AccountActor(identity, services));

    private DateTimeOffset Now => _services.Clock.UtcNow;

    private void OnExecuteSignal(ExecuteSignal command)
    {
        var signal = command.Signal;
        // The domain already knows a global kill switch; nothing in the cluster can set one yet (DESIGN §4, not in
        // this release's issues), so every account decides as if it were off. Per-identity halts are live.
        switch (_state.DecideSignal(signal, Now, _services.Settings.Account, _services.Settings.Limits, haltedGlobally: false))
        {
            case SignalDecision.Duplicate duplicate:
                Answer(new SignalAnswer(signal.SignalId, SignalAnswerKind.Duplicate, duplicate.First.Reason,
                    $"duplicate of a signal first {(duplicate.First.Accepted ? "executed" : "rejected")} at {duplicate.First.At:O}",
                    _state.CooldownUntil, duplicate.First, DryRun), Sender);
                break;
            case SignalDecision.Deny { Persist: false } deny:
                Answer(Rejection(deny.Event), Sender);
                break;
            case SignalDecision.Deny deny:
                PersistAnswering(signal.SignalId, Stamp(deny.Event), _ => Answer(Rejection(deny.Event), Sender));
                break;
            case SignalDecision.Accept accept:
                PersistAnswering(signal.SignalId, Stamp(accept.Event), e =>
                {
                    StartPair(accept.Event.Signal, e.Meta.At);
                    Answer(new SignalAnswer(signal.SignalId, SignalAnswerKind.Executed, null, "executed", _state.CooldownUntil, DryRun: DryRun), Sender);
                });
                break;
        }
    }

    private SignalAnswer Rejection(SignalDenied denied) =>
        new(denied.SignalId, SignalAnswerKind.Rejected, denied.Reason, denied.Detail, _state.CooldownUntil, DryRun: DryRun);

    private bool DryRun => _services.Settings.Limits.For(_identity).DryRun;

    private void Answer(SignalAnswer answer, IActorRef to)
    {
        if (answer.Kind == SignalAnswerKind.Executed)
            _log.Info("Signal {SignalId} executed; cooldown until {CooldownUntil}", answer.SignalId, answer.CooldownUntil);
        else
            _log.Info("Signal {SignalId} {Decision}: {Reason} {Detail}", answer.SignalId, answer.Kind, answer.Reason?.Code(), answer.Detail);
        _services.Observer.SignalAnswered(_identity, answer);
        to.Tell(answer);
    }

    /// <summary>Persists an event whose outcome someone waits for; if storage fails they hear so before this entity stops.</summary>
    private void PersistAnswering<TEvent>(string signalId, TEvent e, Action<TEvent> then) where TEvent : AccountEvent
    {
        _awaitingAnswer = Sender;
        _awaitingSignalId = signalId;
        Persist(e, persisted =>
        {
            Applied(persisted);
            _awaitingAnswer = null;
            _awaitingSignalId = null;
            then(persisted);
        });
    }

    private void OnOperatorDecision(OperatorDecision decision, string doneDetail)
    {
        switch (decision)
        {
            case OperatorDecision.Refuse refuse:
                Sender.Tell(new OperatorAnswer.Refused(refuse.Reason));
                break;
            case OperatorDecision.Record record:
                var replyTo = Sender;
                PersistAll(record.Events.Select(Stamp), Applied);
                DeferAsync(doneDetail, detail =>
                {
                    _log.Warning("Operator action on {Identity}: {Detail}", _identity.Key, detail);
                    replyTo.Tell(new OperatorAnswer.Done(detail));
                });
                break;
        }
    }

    private void OnPairFinished(PairReportedFinished report)
    {
        // The exposure's clock (raised at, expires at) starts when the pair ended, not when this report was read.
        var events = _state.OnPairFinished(report.PairId, report.Outcome, report.At, _services.Settings.Account, DryRun);
        if (events.Count == 0) return;
        PersistAll(events.Select(Stamp), e =>
        {
            Applied(e);
            if (e is not PairFinished finished) return;
            // Inside the persist handler: anyone asking this account afterwards is answered after the observer heard.
            _log.Info("Pair {PairId} finished: {Result} ({Why})", finished.PairId, finished.Outcome.Result, finished.Outcome switch
            {
                { Result: PairResult.Settled } => "both legs settled as expected",
                { ExposureReason: { } reason } o => $"{reason.Code()}: {o.Detail}",
                var o => o.RejectionCode ?? o.Detail ?? "no cause recorded",
            });
            _services.Observer.PairFinished(_identity, finished.PairId, finished.Outcome);
        });
    }

    private void PersistQuietly(IReadOnlyList<AccountEvent> events)
    {
        if (events.Count == 0) return;
        PersistAll(events.Select(Stamp), Applied);
    }

    /// <summary>Applies a persisted event and, every so many events, snapshots the state to bound recovery.</summary>
    private void Applied(AccountEvent e)
    {
        _state = _state.Apply(e);
        if (LastSequenceNr % _services.Settings.AccountSnapshotEvery == 0) SaveSnapshot(new AccountSnapshot(_state));
    }

    private TEvent Stamp<TEvent>(TEvent e) where TEvent : AccountEvent =>
        (TEvent)(e with { Meta = e.Meta with { Node = _services.Settings.Node, Incarnation = _services.Settings.Incarnation, DryRun = DryRun } });

    private AccountStatus Status() => new(
        _identity,
        _state.CooldownUntil,
        _state.Halt,
        _state.ExecutingPairId,
        _state.InFlight.Keys.Order().ToArray(),
        _state.Exposures.Values.OrderBy(x => x.RaisedAt).ToArray(),
        _state.Seen.Count,
        Now,
        _state.Limited,
        DryRun);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Fail closed: whoever waits for a signal's answer hears that it was refused, and nothing was placed, because
        // a pair only starts after its acceptance is stored.
        if (_awaitingAnswer is { } waiting && _awaitingSignalId is { } signalId)
        {
            var answer = new SignalAnswer(signalId, SignalAnswerKind.Rejected, DenialReason.StorageUnavailable,
                $"the decision could not be stored ({cause.GetBaseException().Message}); nothing was placed", _state.CooldownUntil, DryRun: DryRun);
            _services.Observer.SignalAnswered(_identity, answer);
            waiting.Tell(answer);
        }
        _log.Error(cause, "Journal write failed for {Event}; the account stops and recovers from its journal", @event.GetType().Name);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
