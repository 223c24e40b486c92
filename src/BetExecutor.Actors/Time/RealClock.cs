using Akka.Actor;

namespace BetExecutor.Actors.Time;

/// <summary>The production clock: a <see cref="TimeProvider"/> (the system's by default) and its timers.</summary>
public sealed class RealClock(TimeProvider? timeProvider = null) : IExecutorClock
{
    /// <summary>Timers cannot wait longer than about 49 days; longer waits (a kick-off months away) go in hops.</summary>
    private static readonly TimeSpan LongestHop = TimeSpan.FromDays(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    public void Schedule(DateTimeOffset at, IActorRef receiver, object message)
    {
        var delay = at - UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            receiver.Tell(message, ActorRefs.NoSender);
            return;
        }
        // Task.Delay roots its timer until it fires. A timer for a worker that stopped meanwhile lands in dead letters.
        _ = Task.Delay(delay < LongestHop ? delay : LongestHop, _time).ContinueWith(
            _ => Schedule(at, receiver, message),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
