using Akka.Actor;

namespace BetExecutor.Actors.Time;

/// <summary>
/// The executor's only source of time. Production uses the real clock; simulations and tests use a
/// <see cref="VirtualClock"/> that they advance, so 120 settlement polls take no real minutes.
/// </summary>
/// <remarks>
/// Workers (pair actors) tell the clock when they start and stop, and every wait of theirs goes through
/// <see cref="Schedule"/>. A virtual clock can therefore tell when every worker is parked on a timer, and only then
/// move time forward. The real clock ignores the worker calls.
/// </remarks>
public interface IExecutorClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="receiver"/> at <paramref name="at"/> (at once if past).</summary>
    void Schedule(DateTimeOffset at, IActorRef receiver, object message);

    void WorkerStarted(IActorRef worker);

    void WorkerStopped(IActorRef worker);
}
