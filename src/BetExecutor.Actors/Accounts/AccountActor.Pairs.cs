using Akka.Actor;
using Akka.Event;
using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Accounts;

/// <summary>The account as parent of its pairs: starting them, and starting them again from their events.</summary>
public sealed partial class AccountActor
{
    private sealed record RestartPair(string PairId);

    /// <summary>How often each pair in flight stopped before finishing, since this account started.</summary>
    private readonly Dictionary<string, int> _pairStops = [];

    /// <summary>The last failure a pair threw: the supervisor sees the error, the Terminated that follows only the actor.</summary>
    private string? _lastPairFailure;

    /// <summary>
    /// A pair that throws is stopped, not restarted on the spot: an immediate restart would replay into the same
    /// failure in a tight loop. <see cref="OnPairStopped"/> starts it again from its events after a pause, a bounded
    /// number of times.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(ex =>
        {
            _lastPairFailure = $"{ex.GetType().Name}: {ex.GetBaseException().Message}";
            _log.Error(ex, "A pair failed; it is stopped");
            return Directive.Stop;
        });

    /// <param name="newAcceptance">true for a signal accepted just now, false for a pair resumed from the account's events.</param>
    private void StartPair(PairInFlight pair, bool newAcceptance = false)
    {
        var pairId = pair.Signal.PairId;
        var child = Context.ActorOf(BetPairActor.Props(_identity, pairId, _services, pair.Reference(_identity, LegKind.Positive)), ChildName(pairId));
        Context.Watch(child);
        _pairs[pairId] = child;
        _pairOf[child] = pairId;
        child.Tell(new StartPair(pair.Signal, pair.AcceptedAt, pair.StartBy(_services.Settings.Account), _services.KillSwitch.GlobalHalt, newAcceptance,
            pair.ReferencePerAcceptance));
    }

    /// <summary>After recovery, every pair that had not finished resumes from its own events.</summary>
    private void RestartPairsInFlight()
    {
        foreach (var (_, pair) in _state.InFlight.OrderBy(p => p.Value.AcceptedAt))
            StartPair(pair);
    }

    private void OnPairStopped(IActorRef child)
    {
        if (!_pairOf.Remove(child, out var pairId)) return;
        if (_pairs.TryGetValue(pairId, out var current) && Equals(current, child)) _pairs.Remove(pairId);
        if (_storageLost is not null)
        {
            OnPairStoppedWhileStorageLost(pairId);
            return;
        }
        if (_awaitingIntent.Remove(pairId, out var caller))
            Answer(new SignalAnswer(pairId, SignalAnswerKind.Unknown, null,
                "the pair stopped before its start was confirmed; it is started again from its events and places nothing after max-signal-age; ask again with the same signalId",
                _state.CooldownUntil, DryRun: DryRun), caller);
        var failure = _lastPairFailure ?? "it stopped before finishing (its journal failed or refused an event)";
        _lastPairFailure = null;
        if (!_state.InFlight.ContainsKey(pairId))
        {
            _pairStops.Remove(pairId);
            return;
        }
        // Stopped before it finished (it threw, its journal failed, or it met an impossible history): try again
        // after a pause, but only so often. A pair that fails every time would otherwise loop for ever, its positive
        // possibly placed and nobody told.
        var stops = _pairStops[pairId] = _pairStops.GetValueOrDefault(pairId) + 1;
        var allowed = _services.Settings.Pair.MaxPairRestarts;
        if (stops > allowed)
        {
            GiveUpOnPair(pairId, stops, failure);
            return;
        }
        _log.Warning("Pair {PairId} stopped before finishing ({Failure}); restart {Restart} of {Allowed} in {Delay}",
            pairId, failure, stops, allowed, _services.Settings.PairRestartDelay);
        _services.Clock.Schedule(Now + _services.Settings.PairRestartDelay, Self, new RestartPair(pairId));
    }

    /// <summary>The pair ends as a <c>pair-failed</c> exposure and its identity halts; it is not started again.</summary>
    private void GiveUpOnPair(string pairId, int stops, string failure)
    {
        _log.Error("Pair {PairId} failed {Stops} times; it ends as an exposure and {Identity} halts: {Failure}", pairId, stops, _identity.Key, failure);
        _pairStops.Remove(pairId);
        var events = _state.OnPairFailedRepeatedly(pairId, stops, failure, Now, _services.Settings.Account, DryRun);
        PersistAll(events.Select(Stamp), e =>
        {
            Applied(e);
            if (e is not PairFinished finished) return;
            LogFinished(finished);
            _services.Observer.PairFinished(_identity, finished.PairId, finished.Outcome);
        });
    }

    private void LogFinished(PairFinished finished)
    {
        switch (finished.Outcome)
        {
            case PairOutcome.Exposed exposed:
                _log.Warning("Pair {PairId} finished: {Outcome} {ExposureReason} {Detail}", finished.PairId, exposed.Code, exposed.Reason.Code(), exposed.Detail);
                break;
            case PairOutcome.NothingStands nothing:
                _log.Info("Pair {PairId} finished: {Outcome} {Reason} {Detail}", finished.PairId, nothing.Code, nothing.Reason.Code(), nothing.Detail);
                break;
            default:
                _log.Info("Pair {PairId} finished: {Outcome}", finished.PairId, finished.Outcome.Code);
                break;
        }
    }

    private void RestartPairIfStillInFlight(string pairId)
    {
        if (_storageLost is not null || _pairs.ContainsKey(pairId) || !_state.InFlight.TryGetValue(pairId, out var pair)) return;
        StartPair(pair);
    }

    /// <summary>
    /// The pair's exposure is resolved: the pair is started once more, only to store a snapshot that says so (it
    /// resumes nothing, see <see cref="BetPairActor.ReleaseProps"/>), after which retention may archive and delete its
    /// events. Not watched: it is no pair in flight. Should this node stop before that snapshot is stored, the pair's
    /// events simply stay in Redis (kept, never lost).
    /// </summary>
    private void ReleasePairEvents(string pairId, DateTimeOffset resolvedAt)
    {
        if (_storageLost is not null) return;
        // Its lines carry the references the exposure recorded (the pair placed under them), when it recorded one.
        var positive = _state.Exposures.TryGetValue(pairId, out var exposure) && exposure.Positive.ClientReference is { } recorded
            && new ClientReference(recorded) is var reference && reference.IsPositive()
            ? reference
            : null;
        Context.ActorOf(BetPairActor.ReleaseProps(_identity, pairId, _services, resolvedAt, positive), ChildName(pairId) + "-resolved");
    }

    private string ChildName(string pairId) => $"pair-{Uri.EscapeDataString(pairId)}-{++_childSerial}";
}
