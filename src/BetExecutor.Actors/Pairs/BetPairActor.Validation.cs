using Akka.Event;
using BetExecutor.Actors.Journaling;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Pairs;

/// <summary>
/// The pair never persists an event its recovery could not replay (<see cref="ReplayCheck"/>): this hides the base
/// class's <c>PersistAll</c>, so every persist of the pair goes through the check first. A refused event fails the
/// pair before anything is stored or sent; its owner restarts it from what is stored.
/// </summary>
public sealed partial class BetPairActor
{
    private new void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
    {
        var batch = events.ToList();
        if (ReplayCheck.Problem(_state, batch.OfType<PairEvent>(), (state, e) => state.Apply(e)) is { } problem)
        {
            _log.Error("ALARM: refused to persist an event recovery could not replay: {Problem}", problem);
            throw new UnreplayableEventException(PersistenceId, problem);
        }
        base.PersistAll(batch, handler);
    }
}
