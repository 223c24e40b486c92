using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using BetExecutor.Domain.KillSwitch;

namespace BetExecutor.Actors.KillSwitch;

/// <summary>
/// The global kill switch (docs/architecture.md: the kill switch): one event-sourced entity for the whole cluster,
/// run as a cluster singleton on the executors. An operator's halt-all / resume-all is stored here before it is
/// answered; the nodes learn it from this journal (<see cref="KillSwitchReplica"/>), and are told at once by the
/// admin API after each change.
/// </summary>
public sealed class KillSwitchActor : ReceivePersistentActor
{
    /// <summary>The switch's journal; every node's replica reads it.</summary>
    public const string Id = "kill-switch";

    private readonly ExecutorServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private KillSwitchState _state = KillSwitchState.Initial;

    public KillSwitchActor(ExecutorServices services)
    {
        _services = services;
        Recover<KillSwitchEvent>(e => _state = _state.Apply(e));
        Command<HaltAll>(c => Record(_state.DecideHaltAll(c.Reason, c.By, _services.Clock.UtcNow)));
        Command<ResumeAll>(c => Record(_state.DecideResumeAll(c.Reason, c.By, _services.Clock.UtcNow)));
        Command<GetKillSwitch>(_ => Sender.Tell(Status(_state, LastSequenceNr)));
    }

    public override string PersistenceId => Id;

    public static Props Props(ExecutorServices services) => Akka.Actor.Props.Create(() => new KillSwitchActor(services));

    /// <summary>The switch's state after <paramref name="events"/> (oldest first), as its singleton would hold it.</summary>
    public static KillSwitchStatus Replay(IEnumerable<(long SequenceNr, KillSwitchEvent Event)> events)
    {
        var state = KillSwitchState.Initial;
        long last = 0;
        foreach (var (sequenceNr, e) in events)
        {
            state = state.Apply(e);
            last = sequenceNr;
        }
        return Status(state, last);
    }

    private static KillSwitchStatus Status(KillSwitchState state, long sequenceNr) =>
        new(state.Halted, state.Reason, state.By, state.At, sequenceNr);

    private void Record(KillSwitchDecision decision)
    {
        switch (decision)
        {
            case KillSwitchDecision.Refuse refuse:
                Sender.Tell(new KillSwitchRefused(refuse.Reason));
                break;
            case KillSwitchDecision.Record record:
                var stamped = record.Event with
                {
                    Meta = record.Event.Meta with { Node = _services.Settings.Node, Incarnation = _services.Settings.Incarnation },
                };
                Persist(stamped, e =>
                {
                    _state = _state.Apply(e);
                    var (action, reason, by) = e switch
                    {
                        GlobalHaltSwitchedOn on => ("halt-all", on.Reason, on.By),
                        GlobalHaltSwitchedOff off => ("resume-all", off.Reason, off.By),
                        _ => ("?", "", ""),
                    };
                    _log.Warning("Operator action {Action} by {Operator}: {Reason} (kill switch event {SequenceNr})", action, by, reason, LastSequenceNr);
                    Sender.Tell(Status(_state, LastSequenceNr));
                });
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The caller hears nothing and times out (503: outcome unknown); the supervisor restarts the switch from its journal.
        _log.Error(cause, "The kill switch's write failed; it restarts from its journal");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
