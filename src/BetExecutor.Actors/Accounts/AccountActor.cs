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
/// One identity's account (docs/architecture.md §2): a sharded persistent entity that serialises the identity's signals, owns its
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
    /// <summary>Per open pair or exposure, the sequence number of its first event: what the snapshot holds from (retention).</summary>
    private System.Collections.Immutable.ImmutableDictionary<string, long> _openItemsFrom = OpenItemOrigins.None;
    private IActorRef? _awaitingAnswer;
    private string? _awaitingSignalId;
    /// <summary>Callers of accepted signals, answered once the pair has recorded its positive intent (the cooldown's start).</summary>
    private readonly Dictionary<string, IActorRef> _awaitingIntent = [];
    private long _childSerial;
    /// <summary>Who sent each signal not answered yet (a gateway's key name), so the answer's log line names it too.</summary>
    private readonly Dictionary<string, string> _submitters = [];

    /// <param name="idlePassivation">How long an account with nothing in flight waits for a message before it
    /// passivates; null: never. Only for a sharded entity: passivation asks the parent shard to stop it.</param>
    public AccountActor(Identity identity, ExecutorServices services, TimeSpan? idlePassivation = null)
    {
        _identity = identity;
        _services = services;
        _idlePassivation = idlePassivation;
        _state = services.Storage.Remembered(identity) ?? AccountState.Initial(identity);
        // After a storage loss on this node nothing is read from the journal again: the account runs from memory.
        PersistenceId = PersistenceIdFor(identity);
        _log = Context.GetLogger()
            .WithContext("Identity", identity.Key)
            .WithContext("Node", services.Settings.Node)
            .WithContext("DryRun", services.Settings.Limits.For(identity).DryRun);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not AccountSnapshot snapshot) return;
            _state = snapshot.State;
            _openItemsFrom = snapshot.OpenItemsFrom ?? OpenItemOrigins.Unknown(snapshot.State);
        });
        Recover<AccountEvent>(Replay);
        Recover<RecoveryCompleted>(_ => Recovered());

        Command<ExecuteSignal>(OnExecuteSignal);
        Command<HaltIdentity>(c => OnOperatorDecision(_state.DecideHalt(c.Reason, c.By, Now), $"{_identity} halted"));
        Command<ResumeIdentity>(c => OnOperatorDecision(_state.DecideResume(c.Reason, c.By, Now), $"{_identity} resumed"));
        Command<ResolveExposure>(c => OnOperatorDecision(_state.DecideResolveExposure(c.PairId, c.Reason, c.By, Now), $"exposure on pair {c.PairId} resolved"));
        Command<GetAccountStatus>(_ => Sender.Tell(Status()));
        Command<GetIdentityDetail>(_ => Sender.Tell(Detail()));
        Command<GetSignalState>(OnGetSignalState);
        Command<PairReportedHedged>(r => PersistQuietly(_state.OnPairHedged(r.PairId, r.At)));
        Command<PairReportedPositiveIntent>(OnPositiveIntent);
        Command<PairStorageRefused>(r => EnterStorageLost($"pair {r.PairId}: {r.Cause}"));
        Command<NodeStorageLost>(n => EnterStorageLost(n.Loss.Cause));
        Command<PairReportedPositiveAccepted>(r => PersistQuietly(
            _state.OnPositiveAccepted(r.PairId, r.RequestedStake, r.AcceptedStake, r.At, _services.Settings.Limits.For(_identity))));
        Command<PairReportedFinished>(OnPairFinished);
        Command<PairReportedIdReused>(OnPairIdReused);
        Command<Terminated>(t => OnPairStopped(t.ActorRef));
        Command<RestartPair>(r => RestartPairIfStillInFlight(r.PairId));
        Command<LegsLookedUp>(OnLegsLookedUp);
        Command<LookUpAgain>(l => LookUpLegs(l.PairId, final: true));
        Command<IdleCheck>(_ => OnIdleCheck());
        Command<StopIdleAccount>(_ => OnStopIdle());
        Command<SaveSnapshotSuccess>(s => _log.Debug("Snapshot saved at {SequenceNr}", s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(f => _log.Warning("Snapshot at {SequenceNr} failed: {Error}; recovery replays more events until the next one", f.Metadata.SequenceNr, f.Cause.Message));
    }

    public override string PersistenceId { get; }

    protected override void PreStart()
    {
        StorageLossRelay.Get(Context.System).Join(Self);
        base.PreStart();
    }

    protected override void PostStop()
    {
        StorageLossRelay.Get(Context.System).Leave(Self);
        _services.Observer.AccountStopped(_identity, passivated: _passivating);
        base.PostStop();
    }

    public static string PersistenceIdFor(Identity identity) => $"account/{identity.Key}";

    /// <param name="idlePassivation">For a sharded account: passivate after this long idle (see AccountActor.Passivation.cs); null: never.</param>
    public static Props Props(Identity identity, ExecutorServices services, TimeSpan? idlePassivation = null) =>
        Akka.Actor.Props.Create(() => new AccountActor(identity, services, idlePassivation));

    private DateTimeOffset Now => _services.Clock.UtcNow;

    private void OnExecuteSignal(ExecuteSignal command)
    {
        var signal = command.Signal;
        if (command.SubmittedBy is { } submitter) _submitters[signal.SignalId] = submitter;
        if (_services.Storage.Loss is not null || _storageLost is not null)
        {
            // Another account found the storage lost and this one has not heard yet: halt now, then answer from memory.
            EnterStorageLost(_storageLost ?? _services.Storage.Loss!.Cause);
            AnswerWhileStorageLost(command);
            return;
        }
        // The global kill switch as this node knows it (docs/architecture.md: the kill switch): on, or not known here,
        // refuses every new signal; pairs already in flight are not affected and finish.
        switch (_state.DecideSignal(signal, Now, _services.Settings.Account, _services.Settings.Limits, _services.KillSwitch.GlobalHalt, command.ReceivedAt))
        {
            case SignalDecision.Duplicate duplicate:
                Answer(DuplicateAnswer(signal.SignalId, duplicate.First), Sender);
                break;
            case SignalDecision.Deny { Persist: false } deny:
                Answer(Rejection(deny.Event), Sender);
                break;
            case SignalDecision.Deny deny:
                PersistAnswering(signal.SignalId, Stamp(deny.Event with { SubmittedBy = command.SubmittedBy }), _ => Answer(Rejection(deny.Event), Sender));
                break;
            case SignalDecision.Accept accept:
                PersistAnswering(signal.SignalId, Stamp(accept.Event with { SubmittedBy = command.SubmittedBy }), e =>
                {
                    // Answered when the pair has recorded its positive intent: the cooldown runs from that instant, so
                    // the answer carries the one cooldown end that status and later refusals report too.
                    _awaitingIntent[signal.PairId] = Sender;
                    StartPair(_state.InFlight[signal.PairId], newAcceptance: true);
                });
                break;
        }
    }

    private SignalAnswer DuplicateAnswer(string signalId, SignalVerdict first)
    {
        var ended = first.PairEnded is { } outcome ? $"; its pair ended {Describe(outcome)}" : "";
        return new SignalAnswer(signalId, SignalAnswerKind.Duplicate, first.Reason,
            $"duplicate of a signal first {(first.Accepted ? "executed" : "rejected")} at {first.At:O}{ended}",
            _state.CooldownUntil, first, DryRun);
    }

    /// <summary>How a pair ended, in its stable codes: e.g. <c>rejected (positive-rejected-permanent)</c>.</summary>
    private static string Describe(PairOutcome outcome) => outcome switch
    {
        PairOutcome.NothingStands nothing => $"{nothing.Code} ({nothing.Reason.Code()})",
        PairOutcome.Exposed exposed => $"{exposed.Code} ({exposed.Reason.Code()})",
        _ => outcome.Code,
    };

    private void OnPositiveIntent(PairReportedPositiveIntent report)
    {
        var events = _storageLost is null ? _state.OnPositiveIntent(report.PairId, report.At, _services.Settings.Account) : [];
        var promised = _state.CooldownUntil is { } current && current > report.At + _services.Settings.Account.Cooldown
            ? current
            : report.At + _services.Settings.Account.Cooldown;
        if (events.Count > 0) PersistAll(events.Select(Stamp), Applied);
        if (!_awaitingIntent.Remove(report.PairId, out var caller)) return;
        // After the extension is stored (or refused: the intent is recorded either way, so the signal does execute).
        DeferAsync(report.PairId, pairId => Answer(new SignalAnswer(pairId, SignalAnswerKind.Executed, null, "executed", promised, DryRun: DryRun), caller));
    }

    /// <summary>Callers still waiting for a pair's start hear that its outcome is not known yet; they ask again with the signal id.</summary>
    private void AnswerAwaitingIntentUnknown(string why)
    {
        foreach (var (pairId, caller) in _awaitingIntent)
            Answer(new SignalAnswer(pairId, SignalAnswerKind.Unknown, null,
                $"{why}; the signal may still execute within max-signal-age of its receipt; ask again with the same signalId", _state.CooldownUntil, DryRun: DryRun), caller);
        _awaitingIntent.Clear();
    }

    private SignalAnswer Rejection(SignalDenied denied) =>
        new(denied.SignalId, SignalAnswerKind.Rejected, denied.Reason, denied.Detail, _state.CooldownUntil, DryRun: DryRun);

    private bool DryRun => _services.Settings.Limits.For(_identity).DryRun;

    private void Answer(SignalAnswer answer, IActorRef to)
    {
        // An in-process caller (scenario, stdin feed) names no key.
        var submittedBy = _submitters.Remove(answer.SignalId, out var submitter) ? submitter : "-";
        if (answer.Kind == SignalAnswerKind.Executed)
            _log.Info("Signal {SignalId} (sent by {ApiKey}) executed; cooldown until {CooldownUntil}", answer.SignalId, submittedBy, answer.CooldownUntil);
        else
            _log.Info("Signal {SignalId} (sent by {ApiKey}) {Decision}: {Reason} {Detail}", answer.SignalId, submittedBy, answer.Kind.Code(), answer.Reason?.Code(), answer.Detail);
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
        if (_storageLost is { } lost)
        {
            Sender.Tell(new OperatorAnswer.Refused(StorageLostRefusal(lost)));
            return;
        }
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
                    if (_storageLost is { } lost)
                    {
                        replyTo.Tell(new OperatorAnswer.Refused(StorageLostRefusal(lost)));
                        return;
                    }
                    _log.Warning("Operator action on {Identity}: {Detail}", _identity.Key, detail);
                    replyTo.Tell(new OperatorAnswer.Done(detail));
                });
                break;
        }
    }

    private void OnPairFinished(PairReportedFinished report)
    {
        if (_storageLost is not null) return; // nothing can be recorded; the pair's exposure comes from the lookups
        // The exposure's clock (raised at, expires at) starts when the pair ended, not when this report was read.
        var events = _state.OnPairFinished(report.PairId, report.Outcome, report.At, _services.Settings.Account, DryRun);
        if (_awaitingIntent.Remove(report.PairId, out var caller))
        {
            // The pair ended before it recorded a positive intent (it could not start in time): nothing was placed.
            var refusal = report.Outcome is PairOutcome.NothingStands { Reason: NothingStandsReason.HaltedGlobally }
                ? DenialReason.HaltedGlobally
                : DenialReason.SignalTooOld;
            Answer(new SignalAnswer(report.PairId, SignalAnswerKind.Rejected, refusal,
                $"the pair placed nothing: {Describe(report.Outcome)}{(report.Outcome is PairOutcome.NothingStands nothing ? $": {nothing.Detail}" : "")}", _state.CooldownUntil, DryRun: DryRun), caller);
        }
        if (events.Count == 0) return;
        PersistAll(events.Select(Stamp), e =>
        {
            Applied(e);
            if (e is not PairFinished finished) return;
            // Inside the persist handler: anyone asking this account afterwards is answered after the observer heard.
            LogFinished(finished);
            _services.Observer.PairFinished(_identity, finished.PairId, finished.Outcome);
        });
    }

    private void PersistQuietly(IReadOnlyList<AccountEvent> events)
    {
        if (events.Count == 0 || _storageLost is not null) return;
        PersistAll(events.Select(Stamp), Applied);
    }

    /// <summary>Applies a persisted event and, every so many events, snapshots the state to bound recovery.</summary>
    private void Applied(AccountEvent e)
    {
        _state = _state.Apply(e, SignalIdWindow);
        _services.Observer.AccountEventStored(_identity, e, _state);
        _openItemsFrom = OpenItemOrigins.Track(_openItemsFrom, e, LastSequenceNr, _state);
        if (LastSequenceNr % _services.Settings.AccountSnapshotEvery == 0) SaveSnapshot(new AccountSnapshot(_state, _openItemsFrom));
        if (e is ExposureResolved resolved) ReleasePairEvents(resolved.PairId, resolved.Meta.At);
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

    private IdentityDetail Detail() => new(
        Status(),
        _services.Settings.Limits.For(_identity),
        _state.StakedOn(Now),
        ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(),
        _services.Settings.Node,
        _services.Settings.Incarnation,
        LastSequenceNr,
        _services.KillSwitch.Status);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // A failed write (a timeout, a connection lost mid-write) may still have reached storage and be applied later:
        // its outcome is unknown, never "nothing was placed". The caller asks again with the same signal id and then
        // hears the decision as stored; a pair starts only from a stored acceptance, within max-signal-age.
        if (_awaitingAnswer is { } waiting && _awaitingSignalId is { } signalId)
        {
            Answer(new SignalAnswer(signalId, SignalAnswerKind.Unknown, DenialReason.StorageUnavailable,
                $"the decision's write has no known outcome ({cause.GetBaseException().Message}); it may execute; ask again with the same signalId",
                _state.CooldownUntil, DryRun: DryRun), waiting);
        }
        AnswerAwaitingIntentUnknown($"storage failed ({cause.GetBaseException().Message})");
        _log.Error(cause, "Journal write failed for {Event}; the account stops and recovers from its journal", @event.GetType().Name);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
