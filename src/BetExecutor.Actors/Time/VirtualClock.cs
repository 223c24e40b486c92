using Akka.Actor;

namespace BetExecutor.Actors.Time;

/// <summary>
/// A discrete-event clock for simulations and tests. Time stands still until the driver advances it, and the
/// driver advances it only once the executor has settled (its <see cref="IQuiescenceProbe"/> says so): then the
/// earliest timer fires. Each run is therefore the same whatever the machine's speed or load.
/// </summary>
/// <remarks>
/// The clock knows only its timers. Whether every actor is parked on one is the probe's question, answered from the
/// actor system itself; the actors on the production path never tell a clock that they start, work or stop.
/// </remarks>
public sealed class VirtualClock(DateTimeOffset start) : IExecutorClock
{
    /// <summary>Real time between two questions to the probe while the executor is still busy.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(2);

    private readonly object _gate = new();
    private readonly PriorityQueue<Timer, (DateTimeOffset At, long Seq)> _timers = new();
    private DateTimeOffset _now = start;
    private long _seq;
    private long _version;
    private IQuiescenceProbe? _probe;

    private sealed record Timer(DateTimeOffset At, IActorRef Receiver, object Message);

    public DateTimeOffset UtcNow
    {
        get { lock (_gate) return _now; }
    }

    public void Schedule(DateTimeOffset at, IActorRef receiver, object message)
    {
        lock (_gate)
        {
            _timers.Enqueue(new Timer(at, receiver, message), (at, _seq++));
            _version++;
        }
    }

    /// <summary>Decides when the executor has settled; set by whoever runs the actor system (again after a restart).</summary>
    public void SettlesWhen(IQuiescenceProbe probe)
    {
        lock (_gate) _probe = probe;
    }

    /// <summary>Grows with every timer scheduled or fired: equal readings around a probe mean no actor parked or woke meanwhile.</summary>
    public long Version
    {
        get { lock (_gate) return _version; }
    }

    /// <summary>Live actors with a timer pending: they wait for time to move and for nothing else.</summary>
    public IReadOnlySet<IActorRef> ParkedReceivers()
    {
        lock (_gate)
            return _timers.UnorderedItems.Select(t => t.Element.Receiver).Where(IsAlive).ToHashSet();
    }

    /// <summary>
    /// This clock as a <see cref="TimeProvider"/> for code outside the actors (the venue simulator). Only its reading
    /// of the time is virtual: timers created through it would run on real time, so nothing here should wait on one.
    /// </summary>
    public TimeProvider AsTimeProvider() => new ReadingTimeProvider(this);

    private sealed class ReadingTimeProvider(VirtualClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.UtcNow;
    }

    public bool HasTimers
    {
        get
        {
            lock (_gate)
            {
                DropTimersOfDeadReceivers();
                return _timers.Count > 0;
            }
        }
    }

    /// <summary>
    /// Completes once the probe says the executor has settled. <paramref name="timeout"/> is real time: a guard against
    /// a hung run, not part of the simulation.
    /// </summary>
    public async Task WaitUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        IQuiescenceProbe probe;
        lock (_gate) probe = _probe ?? throw new InvalidOperationException("the virtual clock has no quiescence probe: call SettlesWhen first");
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(timeout);
        try
        {
            while (!await probe.IsQuietAsync(this, guard.Token)) await Task.Delay(ProbeInterval, guard.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the executor did not settle within {timeout}: {probe.DescribeBusy(this)}");
        }
    }

    /// <summary>
    /// Runs before the time moves to a new instant, and is awaited before any timer of that instant fires: a venue
    /// outside the node (the HTTP simulator) is set to the same virtual time, so bets show when the scenario says.
    /// </summary>
    public Func<DateTimeOffset, Task>? BeforeTimeMoves { get; set; }

    /// <summary>Fires every timer due up to <paramref name="until"/> in time order, letting the executor settle after each instant, then sets the time to <paramref name="until"/>.</summary>
    public async Task AdvanceToAsync(DateTimeOffset until, TimeSpan settleTimeout, CancellationToken cancellationToken = default)
    {
        await WaitUntilIdleAsync(settleTimeout, cancellationToken);
        while (await FireNextInstantAsync(until))
            await WaitUntilIdleAsync(settleTimeout, cancellationToken);
        if (until > UtcNow) await MoveToAsync(until);
    }

    /// <summary>Fires timers until none is left or the next is after <paramref name="limit"/>; returns the time reached.</summary>
    public async Task<DateTimeOffset> RunUntilNoTimersAsync(DateTimeOffset limit, TimeSpan settleTimeout, CancellationToken cancellationToken = default)
    {
        await WaitUntilIdleAsync(settleTimeout, cancellationToken);
        while (await FireNextInstantAsync(limit))
            await WaitUntilIdleAsync(settleTimeout, cancellationToken);
        return UtcNow;
    }

    private async Task MoveToAsync(DateTimeOffset instant)
    {
        if (BeforeTimeMoves is { } hook) await hook(instant);
        lock (_gate)
        {
            if (instant > _now) _now = instant;
        }
    }

    private async Task<bool> FireNextInstantAsync(DateTimeOffset until)
    {
        DateTimeOffset nextAt;
        lock (_gate)
        {
            DropTimersOfDeadReceivers();
            if (!_timers.TryPeek(out var next, out _) || next.At > until) return false;
            nextAt = next.At;
        }
        if (nextAt > UtcNow) await MoveToAsync(nextAt);
        List<Timer> due = [];
        lock (_gate)
        {
            while (_timers.TryPeek(out var timer, out _) && timer.At <= _now) due.Add(_timers.Dequeue());
            _version++;
        }
        foreach (var timer in due) timer.Receiver.Tell(timer.Message, ActorRefs.NoSender);
        return true;
    }

    private void DropTimersOfDeadReceivers()
    {
        // A stopped actor's timers (a finished pair, every actor of a node that was restarted) would only move time
        // forward for nothing.
        if (_timers.UnorderedItems.All(t => IsAlive(t.Element.Receiver))) return;
        var kept = _timers.UnorderedItems.Where(t => IsAlive(t.Element.Receiver)).ToArray();
        _timers.Clear();
        foreach (var (timer, priority) in kept) _timers.Enqueue(timer, priority);
    }

    /// <summary>False once an actor has stopped. Only a simulation asks this (of its own local actors), never an actor.</summary>
#pragma warning disable CS0618 // IsTerminated is meant for outside observers like this one; actors should watch instead
    internal static bool IsAlive(IActorRef actor) => actor is not IInternalActorRef { IsTerminated: true };
#pragma warning restore CS0618
}
