using Akka.Actor;

namespace BetExecutor.Actors.Time;

/// <summary>
/// A discrete-event clock for simulations and tests. Time stands still until the driver advances it, and the
/// driver advances it only when every worker is parked on a timer (or stopped): then the earliest timer fires.
/// Each run is therefore the same whatever the machine's speed.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : IExecutorClock
{
    private readonly object _gate = new();
    private readonly HashSet<IActorRef> _workers = [];
    private readonly HashSet<IActorRef> _busy = [];
    private readonly HashSet<IActorRef> _everWorkers = [];
    private readonly PriorityQueue<Timer, (DateTimeOffset At, long Seq)> _timers = new();
    private DateTimeOffset _now = start;
    private long _seq;

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
            _busy.Remove(receiver); // the worker now waits for this timer
            SignalIfIdle();
        }
    }

    public void WorkerStarted(IActorRef worker)
    {
        lock (_gate)
        {
            _workers.Add(worker);
            _everWorkers.Add(worker);
            MarkBusy(worker);
        }
    }

    public void WorkerStopped(IActorRef worker)
    {
        lock (_gate)
        {
            _workers.Remove(worker);
            _busy.Remove(worker);
            SignalIfIdle();
        }
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

    /// <summary>Workers that are neither parked on a timer nor stopped.</summary>
    public IReadOnlyCollection<string> BusyWorkers
    {
        get { lock (_gate) return _busy.Select(w => w.Path.ToString()).ToArray(); }
    }

    public bool HasTimers
    {
        get { lock (_gate) return _timers.Count > 0; }
    }

    /// <summary>
    /// Completes when every worker is parked or stopped. <paramref name="timeout"/> is real time: a guard against a
    /// hung run, not part of the simulation.
    /// </summary>
    public async Task WaitUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_gate) idle = _idle.Task;
        try
        {
            await idle.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"workers still busy after {timeout}: {string.Join(", ", BusyWorkers)}");
        }
    }

    // Completed while no worker is busy; replaced by a fresh one when a worker becomes busy again. Guarded by _gate.
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) signal.SetResult();
        return signal;
    }

    private void MarkBusy(IActorRef worker)
    {
        _busy.Add(worker);
        if (_idle.Task.IsCompleted) _idle = NewIdleSignal(completed: false);
    }

    private void SignalIfIdle()
    {
        if (_busy.Count == 0) _idle.TrySetResult();
    }

    /// <summary>
    /// Runs before the time moves to a new instant, and is awaited before any timer of that instant fires: a venue
    /// outside the node (the HTTP simulator) is set to the same virtual time, so bets show when the scenario says.
    /// </summary>
    public Func<DateTimeOffset, Task>? BeforeTimeMoves { get; set; }

    /// <summary>Fires every timer due up to <paramref name="until"/> in time order, letting the workers settle after each instant, then sets the time to <paramref name="until"/>.</summary>
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
            DropTimersOfStoppedWorkers();
            if (!_timers.TryPeek(out var next, out _) || next.At > until) return false;
            nextAt = next.At;
        }
        if (nextAt > UtcNow) await MoveToAsync(nextAt);
        List<Timer> due = [];
        lock (_gate)
        {
            while (_timers.TryPeek(out var timer, out _) && timer.At <= _now)
            {
                due.Add(_timers.Dequeue());
                if (_workers.Contains(timer.Receiver)) MarkBusy(timer.Receiver);
            }
        }
        foreach (var timer in due) timer.Receiver.Tell(timer.Message, ActorRefs.NoSender);
        return true;
    }

    private void DropTimersOfStoppedWorkers()
    {
        // A stopped worker's timers would only move time forward for nothing. Timers of non-workers stay.
        if (_timers.Count == 0) return;
        var kept = new List<(Timer, (DateTimeOffset, long))>();
        while (_timers.TryDequeue(out var timer, out var priority))
        {
            if (IsWorkerTimerOfStopped(timer)) continue;
            kept.Add((timer, priority));
        }
        foreach (var (timer, priority) in kept) _timers.Enqueue(timer, priority);
    }

    private bool IsWorkerTimerOfStopped(Timer timer) => _everWorkers.Contains(timer.Receiver) && !_workers.Contains(timer.Receiver);
}
