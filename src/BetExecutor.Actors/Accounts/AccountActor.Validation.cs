using Akka.Actor;
using Akka.Event;
using BetExecutor.Actors.Journaling;
using BetExecutor.Domain.Accounts;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// The account never persists an event its recovery could not replay (<see cref="ReplayCheck"/>). These two methods
/// hide the base class's <c>Persist</c> and <c>PersistAll</c>, so every persist this actor makes, wherever in its
/// partial files it is written, goes through the check first; an unreplayable event would otherwise stop the
/// identity's every later recovery.
/// </summary>
public sealed partial class AccountActor
{
    private new void Persist<TEvent>(TEvent e, Action<TEvent> handler)
    {
        EnsureReplayable([e]);
        base.Persist(e, handler);
    }

    private new void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
    {
        var batch = events.ToList();
        EnsureReplayable(batch);
        base.PersistAll(batch, handler);
    }

    /// <summary>
    /// Refuses, before anything is stored or sent, events recovery could not replay. A waiting sender hears that its
    /// signal was not executed or its operator action not recorded; then the actor fails, so it restarts from what
    /// is stored (nothing of this decision).
    /// </summary>
    private void EnsureReplayable<TEvent>(IReadOnlyList<TEvent> events)
    {
        var accountEvents = events.OfType<AccountEvent>().ToList();
        if (ReplayCheck.Problem(_state, accountEvents, (state, e) => state.Apply(e, SignalIdWindow)) is not { } problem) return;

        _log.Error("ALARM: refused to persist an event recovery could not replay: {Problem}", problem);
        var signalId = accountEvents.Select(e => e switch
        {
            SignalAccepted accepted => accepted.Signal.SignalId,
            SignalDenied denied => denied.SignalId,
            _ => null,
        }).FirstOrDefault(id => id is not null);
        if (signalId is not null)
        {
            var answer = new SignalAnswer(signalId, SignalAnswerKind.Rejected, DenialReason.InvalidSignal,
                $"the decision on this signal could not be recorded ({problem}); nothing was placed", _state.CooldownUntil);
            _services.Observer.SignalAnswered(_identity, answer);
            Sender.Tell(answer);
        }
        else if (accountEvents.Any(e => e is IdentityHalted or IdentityResumed or ExposureResolved))
        {
            Sender.Tell(new OperatorAnswer.Refused($"the operator action could not be recorded ({problem}); nothing changed"));
        }
        throw new UnreplayableEventException(PersistenceId, problem);
    }
}
