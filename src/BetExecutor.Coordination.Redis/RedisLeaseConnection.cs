using Akka.Event;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// One StackExchange.Redis multiplexer used by the leases of one configuration string. Opened at construction
/// (without blocking), awaited by every lease call, so a call made while the connect still runs waits for it
/// within its own operation timeout.
/// </summary>
public sealed class RedisLeaseConnection : IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly int _database;

    public RedisLeaseConnection(RedisLeaseSettings settings, ILoggingAdapter? log = null)
    {
        _database = settings.Database;
        _connecting = ConnectAsync(settings, log ?? NoLogger.Instance);
    }

    /// <summary>Whether the connection to Redis is up now (for readiness checks).</summary>
    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    /// <summary>Completes when the first connect attempt has ended (connected or not: the multiplexer keeps retrying).</summary>
    public Task WhenConnectAttemptEnded => _connecting;

    internal async Task<IDatabase> DatabaseAsync()
    {
        var connection = await _connecting.ConfigureAwait(false);
        return connection.GetDatabase(_database);
    }

    /// <summary>The database, when the connect has finished (so a command issued now is sent in issue order).</summary>
    internal bool TryGetDatabase(out IDatabase database)
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            database = _connecting.Result.GetDatabase(_database);
            return true;
        }
        database = null!;
        return false;
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(RedisLeaseSettings settings, ILoggingAdapter log)
    {
        var options = ConfigurationOptions.Parse(settings.ConfigurationString);
        // A Redis that is unreachable at start must not break the actor system: keep the multiplexer and let it
        // reconnect in the background; lease calls fail (and are retried by their callers) until it is back.
        options.AbortOnConnectFail = false;
        // A call made while disconnected fails at once instead of waiting in a client-side queue: a renewal that
        // waited there could be sent after the lease was already given up locally.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // The client's own timeout is a backstop; the lease applies lease-operation-timeout itself.
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, (int)settings.OperationTimeout.TotalMilliseconds);
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 200, maxDeltaBackOffMilliseconds: 2000);

        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) =>
            log.Warning("Lease connection to Redis {Endpoint} lost ({FailureType}); renewals fail until it is back", e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) =>
            log.Info("Lease connection to Redis {Endpoint} restored", e.EndPoint);
        if (connection.IsConnected)
            log.Info("Leases connected to Redis [{Redis}]", settings.RedactedConfiguration);
        else
            log.Warning("Redis [{Redis}] unreachable at start; lease calls fail until it connects", settings.RedactedConfiguration);
        return connection;
    }

    /// <summary>The connect may still be running; whatever it produces is disposed.</summary>
    public void Dispose() =>
        _connecting.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
}
