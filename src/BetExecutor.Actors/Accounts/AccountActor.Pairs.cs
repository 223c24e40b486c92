using Akka.Actor;
using Akka.Event;
using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Accounts;

/// <summary>The account as parent of its pairs: starting them, and starting them again from their events.</summary>
public sealed partial class AccountActor
{
    private sealed record RestartPair(string PairId);

    /// <summary>
    /// A pair that throws is stopped, not restarted on the spot: an immediate restart would replay into the same
    /// failure in a tight loop. <see cref="OnPairStopped"/> starts it again from its events after a pause.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(ex =>
        {
            _log.Error(ex, "A pair failed; it is stopped and restarted from its events in {Delay}", _services.Settings.PairRestartDelay);
            return Directive.Stop;
        });

    private void StartPair(Signal signal, DateTimeOffset acceptedAt)
    {
        var child = Context.ActorOf(BetPairActor.Props(_identity, signal.PairId, _services), ChildName(signal.PairId));
        Context.Watch(child);
        _pairs[signal.PairId] = child;
        _pairOf[child] = signal.PairId;
        child.Tell(new StartPair(signal, acceptedAt));
    }

    /// <summary>After recovery, every pair that had not finished resumes from its own events.</summary>
    private void RestartPairsInFlight()
    {
        foreach (var (_, pair) in _state.InFlight.OrderBy(p => p.Value.AcceptedAt))
            StartPair(pair.Signal, pair.AcceptedAt);
    }

    private void OnPairStopped(IActorRef child)
    {
        if (!_pairOf.Remove(child, out var pairId)) return;
        if (_pairs.TryGetValue(pairId, out var current) && Equals(current, child)) _pairs.Remove(pairId);
        if (!_state.InFlight.ContainsKey(pairId)) return;
        // Stopped before it finished (its journal failed, or it met an impossible history): try again after a pause.
        _log.Warning("Pair {PairId} stopped before finishing; restarting it in {Delay}", pairId, _services.Settings.PairRestartDelay);
        _services.Clock.Schedule(Now + _services.Settings.PairRestartDelay, Self, new RestartPair(pairId));
    }

    private void RestartPairIfStillInFlight(string pairId)
    {
        if (_pairs.ContainsKey(pairId) || !_state.InFlight.TryGetValue(pairId, out var pair)) return;
        StartPair(pair.Signal, pair.AcceptedAt);
    }

    private string ChildName(string pairId) => $"pair-{Uri.EscapeDataString(pairId)}-{++_childSerial}";
}
