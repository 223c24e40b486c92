using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;
using Akka.Remote;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// An Akka.Coordination <see cref="Lease"/> kept in Redis: a key holding the owner with a TTL of heartbeat-timeout,
/// renewed every heartbeat-interval, and a fencing token that grows with every grant.
/// <para>
/// Timing: a grant or renewal sent at <c>t</c> keeps the key alive in Redis until at least <c>t + heartbeat-timeout</c>;
/// the owner trusts it only until <c>t + heartbeat-timeout − 2 × heartbeat-interval</c> (<see cref="RedisLeaseSettings.LocalValidity"/>).
/// When that local deadline passes without a newer confirmed renewal, the lease is lost: <see cref="CheckLease"/>
/// turns false and the lease-lost callback runs, before any other owner can be granted the key.
/// </para>
/// <para>
/// Instantiated by Akka's <see cref="LeaseProvider"/> through <c>lease-class</c> (see reference.conf), or directly with
/// an injected clock for tests.
/// </para>
/// </summary>
public sealed partial class RedisLease : Lease, IDisposable
{
    public const string DefaultConfigPath = "akka.coordination.lease.redis";

    private readonly RedisLeaseSettings _settings;
    private readonly RedisLeaseConnection _connection;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log;
    private readonly LeaseKeys _keys;
    private readonly long _validityTimestampUnits;

    // One acquire or release at a time on this instance, so their Redis commands are issued in call order.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private Grant? _grant; // guarded by _sync; null when this owner does not hold the lease
    private volatile bool _disposed;

    /// <summary>Called by Akka's <see cref="LeaseProvider"/>.</summary>
    public RedisLease(LeaseSettings settings, ExtendedActorSystem system)
        : this(settings, RedisLeaseSettings.Create(settings), system)
    {
    }

    private RedisLease(LeaseSettings settings, RedisLeaseSettings redis, ExtendedActorSystem system)
        : this(settings, RedisLeaseConnections.Get(system).For(redis), AddressUidExtension.Uid(system),
            TimeProvider.System, Logging.GetLogger(system, typeof(RedisLease)))
    {
        // Stop heartbeating with the system (shards and the SBR release their leases before it gets there).
        system.RegisterOnTermination(Dispose);
    }

    /// <param name="settings">Akka's lease settings; its config holds the keys of reference.conf.</param>
    /// <param name="connection">The Redis connection to use (shared by the leases of one system).</param>
    /// <param name="incarnation">Distinguishes a restarted owner on the same host:port (the system's address uid).</param>
    /// <param name="clock">Drives the heartbeat, the local deadline and the operation timeout.</param>
    /// <param name="log">Where lease events are logged.</param>
    public RedisLease(LeaseSettings settings, RedisLeaseConnection connection, long incarnation, TimeProvider clock, ILoggingAdapter? log = null)
        : base(settings)
    {
        _settings = RedisLeaseSettings.Create(settings);
        _connection = connection;
        _clock = clock;
        _log = log ?? NoLogger.Instance;
        _keys = LeaseKeys.For(_settings.KeyPrefix, settings.LeaseName);
        _validityTimestampUnits = (long)(_settings.LocalValidity.TotalSeconds * clock.TimestampFrequency);
        Owner = LeaseOwner.Of(settings.OwnerName, incarnation);
    }

    /// <summary>The reference.conf of this assembly (a system configured from HOCON alone needs it as a fallback).</summary>
    public static Config DefaultConfig() => ConfigurationFactory.ParseString(EmbeddedResources.Read("reference.conf"));

    /// <summary>The owner stored in Redis: Akka's owner name (e.g. "system@host:port") + "#" + incarnation.</summary>
    public string Owner { get; }

    public string LeaseName => Settings.LeaseName;

    public RedisLeaseSettings RedisSettings => _settings;

    /// <summary>The keys of this lease in Redis.</summary>
    public LeaseKeys Keys => _keys;

    /// <summary>
    /// The fencing token of the grant this owner holds (null when it holds none). Strictly greater than the token of
    /// every earlier grant of this lease, to any owner: a store that remembers the highest token it has seen can
    /// refuse writes of a former holder.
    /// </summary>
    public long? FencingToken
    {
        get
        {
            lock (_sync) return _grant?.Token;
        }
    }

    /// <summary>Raised after each grant, with its fencing token (before <see cref="Acquire()"/> completes).</summary>
    public event Action<LeaseGrant>? Granted;

    /// <summary>Raised after a renewal was confirmed and the local deadline moved (for tests and metrics).</summary>
    internal event Action? RenewalConfirmed;

    /// <summary>True only while this owner holds the lease and its local deadline has not passed.</summary>
    public override bool CheckLease()
    {
        lock (_sync) return _grant is { } grant && _clock.GetTimestamp() < grant.Deadline;
    }

    public override Task<bool> Acquire() => Acquire(null!);

    /// <summary>
    /// Asks Redis for the lease. True: granted (or already held by this owner, with the same token); false: another
    /// owner holds it; <see cref="LeaseTimeoutException"/>: Redis did not answer in time (or could not be reached), so
    /// the outcome is unknown. <paramref name="leaseLostCallback"/> runs at most once, if the lease is lost after the grant.
    /// </summary>
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Grant? overdue = null;
            lock (_sync)
            {
                if (_grant is { } held)
                {
                    if (_clock.GetTimestamp() < held.Deadline)
                    {
                        // Not a new grant: the token stays, and this caller is told of a loss too.
                        held.AddLostCallback(leaseLostCallback);
                        return true;
                    }
                    overdue = held;
                }
            }
            // Past its deadline but its timer has not run yet: lose it now (callback, heartbeat stopped) before a
            // new grant takes its place.
            if (overdue is not null) OnDeadline(overdue);

            var sentAt = _clock.GetTimestamp();
            AcquireOutcome outcome;
            try
            {
                outcome = await CallRedisAsync(db => LeaseScripts.AcquireAsync(db, _keys, Owner, _settings.HeartbeatTimeout, _settings.WaitForReplicas, _settings.WaitTimeout), "acquire")
                    .ConfigureAwait(false);
            }
            catch (LeaseTimeoutException)
            {
                // The script may still run in Redis after the caller was told "unknown": free such a grant at once
                // rather than block every other owner for a whole heartbeat-timeout.
                ReleaseUnconfirmedGrant();
                throw;
            }

            switch (outcome)
            {
                case AcquireOutcome.Granted granted:
                    return Hold(granted.Token, sentAt, leaseLostCallback);
                case AcquireOutcome.Refused refused:
                    _log.Debug("Lease {LeaseName} not granted to {Owner}: held by {Holder}", LeaseName, Owner, refused.Holder);
                    return false;
                default:
                    throw new InvalidOperationException($"Unexpected acquire outcome {outcome}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Gives the lease up: stops the heartbeat (no lost callback after this) and deletes the key if, and only if, it
    /// still holds this owner. True: the lease was this owner's and is free now; false: it was not this owner's (a
    /// release by a non-owner changes nothing); <see cref="LeaseTimeoutException"/>: Redis did not answer in time
    /// (the key then expires after heartbeat-timeout at the latest).
    /// </summary>
    public override async Task<bool> Release()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Grant? grant;
            lock (_sync)
            {
                grant = _grant;
                _grant = null;
            }
            grant?.Stop();

            var released = await CallRedisAsync(db => LeaseScripts.ReleaseAsync(db, _keys, Owner), "release").ConfigureAwait(false);
            if (released)
                _log.Info("Lease {LeaseName} released by {Owner} (fencing token {FencingToken})", LeaseName, Owner, grant?.Token);
            else if (grant is not null)
                _log.Warning("Lease {LeaseName} was no longer held by {Owner} in Redis when it released it", LeaseName, Owner);
            else
                _log.Debug("Release of lease {LeaseName} by {Owner} refused: not its holder", LeaseName, Owner);
            return released;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the heartbeat and the deadline timer without touching Redis: the key expires after heartbeat-timeout
    /// (what a crashed owner leaves behind). Called when the actor system terminates.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Grant? grant;
        lock (_sync)
        {
            grant = _grant;
            _grant = null;
        }
        grant?.Stop();
    }

    private bool Hold(long token, long sentAt, Action<Exception>? leaseLostCallback)
    {
        var grant = new Grant(token, sentAt + _validityTimestampUnits);
        grant.AddLostCallback(leaseLostCallback);
        bool inTime;
        lock (_sync)
        {
            inTime = _clock.GetTimestamp() < grant.Deadline;
            if (inTime)
            {
                _grant = grant;
                grant.DeadlineTimer = _clock.CreateTimer(_ => OnDeadline(grant), null, RemainingValidity(grant), Timeout.InfiniteTimeSpan);
            }
        }
        if (!inTime)
        {
            // Only possible when the answer took longer than the local validity: too late to trust.
            ReleaseUnconfirmedGrant();
            throw new LeaseTimeoutException(
                $"Lease [{LeaseName}] was granted to [{Owner}] only after its local validity ({_settings.LocalValidity}) had passed; given up.");
        }

        LeaseMetrics.CountAcquired();
        _log.Info("Lease {LeaseName} granted to {Owner} with fencing token {FencingToken}", LeaseName, Owner, token);
        _ = HeartbeatAsync(grant);
        try
        {
            Granted?.Invoke(new LeaseGrant(LeaseName, Owner, token));
        }
        catch (Exception e)
        {
            _log.Error(e, "A Granted handler of lease {LeaseName} failed", LeaseName);
        }
        return true;
    }

    /// <summary>Issues the release script for an acquire whose answer never came; ignores its result.</summary>
    private void ReleaseUnconfirmedGrant()
    {
        // No connection yet means the acquire was never sent (CallRedisAsync checks the timeout before sending).
        if (!_connection.TryGetDatabase(out var db)) return;
        // Issued now, before the gate opens: on the same connection it runs after the unanswered acquire.
        LeaseScripts.ReleaseAsync(db, _keys, Owner)
            .ContinueWith(t => _log.Debug("Clean-up release of lease {LeaseName} failed: {Error}", LeaseName, t.Exception!.GetBaseException().Message),
                TaskContinuationOptions.OnlyOnFaulted);
    }

    private TimeSpan RemainingValidity(Grant grant)
    {
        var now = _clock.GetTimestamp();
        return now >= grant.Deadline ? TimeSpan.Zero : _clock.GetElapsedTime(now, grant.Deadline);
    }

    /// <summary>
    /// Runs one Redis call within lease-operation-timeout. A timeout or a lost connection means the outcome is unknown
    /// (<see cref="LeaseTimeoutException"/>); an error answer from Redis (e.g. NOAUTH, WRONGTYPE) is a <see cref="LeaseException"/>.
    /// </summary>
    private async Task<T> CallRedisAsync<T>(Func<IDatabase, Task<T>> call, string operation, CancellationToken cancellation = default)
    {
        using var abandoned = new CancellationTokenSource();
        try
        {
            return await SendAsync(call, abandoned.Token)
                .WaitAsync(_settings.OperationTimeout, _clock, cancellation)
                .ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new LeaseTimeoutException(
                $"Redis [{_settings.RedactedConfiguration}] did not answer the {operation} of lease [{LeaseName}] for [{Owner}] " +
                $"within {_settings.OperationTimeout}; the outcome is unknown.", e);
        }
        catch (RedisConnectionException e)
        {
            throw new LeaseTimeoutException(
                $"Redis [{_settings.RedactedConfiguration}] could not be reached for the {operation} of lease [{LeaseName}] " +
                $"for [{Owner}] ({e.FailureType}); the outcome is unknown.", e);
        }
        catch (RedisServerException e)
        {
            throw new LeaseException($"Redis refused the {operation} of lease [{LeaseName}] for [{Owner}]: {e.Message}", e);
        }
        finally
        {
            // A call still waiting for the connect is never sent after its caller has given up on it.
            abandoned.Cancel();
        }
    }

    private async Task<T> SendAsync<T>(Func<IDatabase, Task<T>> call, CancellationToken abandoned)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        abandoned.ThrowIfCancellationRequested();
        return await call(db).ConfigureAwait(false);
    }
}

/// <summary>One grant of a lease: who got it and its fencing token.</summary>
public sealed record LeaseGrant(string LeaseName, string Owner, long FencingToken);
