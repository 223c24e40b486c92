using Akka.Actor;

namespace BetExecutor.Actors.Time;

/// <summary>
/// The executor's only source of time. Production uses the real clock; simulations and tests use a
/// <see cref="VirtualClock"/> that they advance, so 120 settlement polls take no real minutes.
/// </summary>
/// <remarks>
/// Every wait of an actor goes through <see cref="Schedule"/>. That is all an actor tells the clock: a virtual clock
/// learns whether the executor has settled from its own timers and from the actor system (see
/// <see cref="IQuiescenceProbe"/>), never from calls on the production path.
/// </remarks>
public interface IExecutorClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>Delivers <paramref name="message"/> to <paramref name="receiver"/> at <paramref name="at"/> (at once if past).</summary>
    void Schedule(DateTimeOffset at, IActorRef receiver, object message);
}
