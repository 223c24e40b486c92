using Akka.Event;
using Akka.Coordination;

namespace BetExecutor.Coordination.Redis;

/// <summary>Keeping a grant alive: the renewal loop, the local deadline, and losing the lease.</summary>
public sealed partial class RedisLease
{
    /// <summary>
    /// Renews the key every heartbeat-interval, one renewal at a time. A confirmed renewal moves the local deadline to
    /// its send time + local validity; an unconfirmed one (timeout, Redis down) changes nothing and the next one is
    /// tried an interval later; an answer "not yours any more" loses the lease at once.
    /// </summary>
    private async Task HeartbeatAsync(Grant grant)
    {
        var stopping = grant.Stopping;
        try
        {
            while (true)
            {
                await Task.Delay(_settings.HeartbeatInterval, _clock, stopping).ConfigureAwait(false);
                var sentAt = _clock.GetTimestamp();
                bool stillOurs;
                try
                {
                    stillOurs = await CallRedisAsync(
                            db => LeaseScripts.RenewAsync(db, _keys, Owner, _settings.HeartbeatTimeout), "renewal", stopping)
                        .ConfigureAwait(false);
                }
                catch (LeaseException e) when (!stopping.IsCancellationRequested)
                {
                    _log.Warning("Renewal of lease {LeaseName} by {Owner} not confirmed ({Reason}); lost in {Remaining} unless one is",
                        LeaseName, Owner, e.Message, RemainingValidity(grant));
                    continue;
                }

                if (!stillOurs)
                {
                    Lose(grant, new LeaseException(
                        $"Lease [{LeaseName}] is no longer held by [{Owner}] in Redis: its key expired or another owner took it."));
                    return;
                }
                Extend(grant, sentAt);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Released, lost or disposed.
        }
        catch (Exception e)
        {
            // Nothing else is expected here; keep no lease that is no longer renewed.
            _log.Error(e, "Heartbeat of lease {LeaseName} failed", LeaseName);
            Lose(grant, new LeaseException($"Heartbeat of lease [{LeaseName}] failed: {e.Message}", e));
        }
    }

    private void Extend(Grant grant, long sentAt)
    {
        bool inTime;
        lock (_sync)
        {
            if (!ReferenceEquals(_grant, grant)) return; // released or lost meanwhile: a late answer changes nothing
            inTime = _clock.GetTimestamp() < grant.Deadline;
            // The deadline timer re-arms itself when it fires before the moved deadline.
            if (inTime) grant.Deadline = Math.Max(grant.Deadline, sentAt + _validityTimestampUnits);
        }
        if (inTime)
            RenewalConfirmed?.Invoke();
        else
            OnDeadline(grant); // confirmed only after the deadline had passed: the lease was lost then, and stays lost
    }

    private void OnDeadline(Grant grant)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(_grant, grant)) return;
            var remaining = RemainingValidity(grant);
            if (remaining > TimeSpan.Zero)
            {
                grant.DeadlineTimer?.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        Lose(grant, new LeaseTimeoutException(
            $"No renewal of lease [{LeaseName}] by [{Owner}] was confirmed by Redis within {_settings.LocalValidity} " +
            $"(heartbeat-timeout {_settings.HeartbeatTimeout} - 2 x heartbeat-interval {_settings.HeartbeatInterval}); " +
            "given up before its key can expire in Redis."));
    }

    private void Lose(Grant grant, Exception reason)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(_grant, grant)) return;
            _grant = null;
        }
        grant.Stop();
        LeaseMetrics.CountLost();
        _log.Warning("Lease {LeaseName} lost by {Owner} (fencing token {FencingToken}): {Reason}", LeaseName, Owner, grant.Token, reason.Message);
        foreach (var callback in grant.LostCallbacks)
        {
            try
            {
                callback(reason);
            }
            catch (Exception e)
            {
                _log.Error(e, "The lease-lost callback of lease {LeaseName} failed", LeaseName);
            }
        }
    }

    /// <summary>One grant held by this owner. Deadline is in <see cref="TimeProvider.GetTimestamp"/> units, guarded by the lease's lock.</summary>
    private sealed class Grant(long token, long deadline)
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Action<Exception>> _lostCallbacks = [];

        public long Token { get; } = token;
        public long Deadline { get; set; } = deadline;
        public ITimer? DeadlineTimer { get; set; }
        public CancellationToken Stopping => _stop.Token;
        public IReadOnlyList<Action<Exception>> LostCallbacks => _lostCallbacks;

        public void AddLostCallback(Action<Exception>? callback)
        {
            if (callback is not null) _lostCallbacks.Add(callback);
        }

        /// <summary>Ends the heartbeat and the deadline timer; no callback runs after this.</summary>
        public void Stop()
        {
            DeadlineTimer?.Dispose();
            _stop.Cancel();
        }
    }
}
