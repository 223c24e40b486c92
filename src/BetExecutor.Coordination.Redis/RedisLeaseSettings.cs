using Akka.Configuration;
using Akka.Coordination;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// The typed settings of one Redis lease: the timings Akka read into <see cref="TimeoutSettings"/> plus the Redis
/// connection keys of <c>akka.coordination.lease.redis</c> (see reference.conf).
/// </summary>
public sealed class RedisLeaseSettings
{
    public RedisLeaseSettings(
        string configurationString,
        int database,
        string keyPrefix,
        TimeSpan heartbeatTimeout,
        TimeSpan heartbeatInterval,
        TimeSpan operationTimeout,
        int waitForReplicas = 0,
        TimeSpan? waitTimeout = null)
    {
        ConfigurationString = configurationString;
        Database = database;
        KeyPrefix = keyPrefix;
        HeartbeatTimeout = heartbeatTimeout;
        HeartbeatInterval = heartbeatInterval;
        OperationTimeout = operationTimeout;
        WaitForReplicas = waitForReplicas;
        WaitTimeout = waitTimeout ?? DefaultWaitTimeout;
        Validate();
        RedactedConfiguration = Redact(configurationString);
    }

    /// <summary>StackExchange.Redis configuration string; may hold a password, so never log it: use <see cref="RedactedConfiguration"/>.</summary>
    public string ConfigurationString { get; }

    /// <summary>The configuration string without its password, for logs and error messages.</summary>
    public string RedactedConfiguration { get; }

    public int Database { get; }

    public string KeyPrefix { get; }

    /// <summary>TTL of the lease key in Redis.</summary>
    public TimeSpan HeartbeatTimeout { get; }

    /// <summary>Pause between two renewals.</summary>
    public TimeSpan HeartbeatInterval { get; }

    /// <summary>How long an acquire, renewal or release may wait for Redis.</summary>
    public TimeSpan OperationTimeout { get; }

    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Replicas that must hold a grant before it counts (<c>wait-for-replicas</c>); 0: off.</summary>
    public int WaitForReplicas { get; }

    /// <summary>How long an acquire waits for those replicas (<c>wait-timeout</c>).</summary>
    public TimeSpan WaitTimeout { get; }

    /// <summary>
    /// How long after a renewal (or the grant) was sent the owner may still trust the lease without a newer confirmed
    /// renewal: heartbeat-timeout − 2 × heartbeat-interval. The key cannot expire in Redis before the send time plus
    /// heartbeat-timeout, so the owner gives the lease up at least 2 × heartbeat-interval before anyone else can get it.
    /// </summary>
    public TimeSpan LocalValidity => HeartbeatTimeout - 2 * HeartbeatInterval;

    /// <summary>Reads the connection keys of the lease's config (falling back to reference.conf) and Akka's timings.</summary>
    public static RedisLeaseSettings Create(LeaseSettings lease)
    {
        var config = lease.LeaseConfig.WithFallback(RedisLease.DefaultConfig().GetConfig(RedisLease.DefaultConfigPath));
        var timeouts = lease.TimeoutSettings;
        return new RedisLeaseSettings(
            config.GetString("configuration-string", string.Empty),
            config.GetInt("database", 0),
            config.GetString("key-prefix", string.Empty),
            timeouts.HeartbeatTimeout,
            timeouts.HeartbeatInterval,
            timeouts.OperationTimeout,
            Typed(config, "wait-for-replicas", "a whole number of replicas, 0 or more", () => config.GetInt("wait-for-replicas", 0)),
            Typed(config, "wait-timeout", "a duration such as 500ms", () => config.GetTimeSpan("wait-timeout", DefaultWaitTimeout, allowInfinite: false)));
    }

    /// <summary>A value read by HOCON's own parser, whose error would not say which key was wrong.</summary>
    private static T Typed<T>(Config config, string key, string expected, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{key} must be {expected} (got '{config.GetString(key)}').");
        }
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConfigurationString))
            throw new ConfigurationException("configuration-string must name at least one Redis endpoint.");
        if (Database < 0)
            throw new ConfigurationException($"database must be 0 or more (got {Database}).");
        // The lease name, in braces, is the cluster hash tag: a brace in the prefix would become the tag instead
        // and could put a lease key and its token counter in different slots.
        if (KeyPrefix.IndexOfAny(['{', '}']) >= 0)
            throw new ConfigurationException($"key-prefix must not contain '{{' or '}}' (got '{KeyPrefix}').");
        if (HeartbeatInterval <= TimeSpan.Zero)
            throw new ConfigurationException($"heartbeat-interval must be positive (got {HeartbeatInterval}).");
        if (LocalValidity <= TimeSpan.Zero)
            throw new ConfigurationException(
                $"heartbeat-interval ({HeartbeatInterval}) must be less than half of heartbeat-timeout ({HeartbeatTimeout}).");
        if (OperationTimeout <= TimeSpan.Zero)
            throw new ConfigurationException($"lease-operation-timeout must be positive (got {OperationTimeout}).");
        if (WaitForReplicas < 0)
            throw new ConfigurationException($"wait-for-replicas must be 0 (off) or more (got {WaitForReplicas}).");
        // The replicas' confirmation is part of the acquire, so it must fit in the acquire's own time.
        if (WaitTimeout <= TimeSpan.Zero || WaitTimeout >= OperationTimeout)
            throw new ConfigurationException($"wait-timeout ({WaitTimeout}) must be positive and less than lease-operation-timeout ({OperationTimeout}).");
        // A grant confirmed after the local validity would already be past its own deadline when it arrives.
        if (OperationTimeout > LocalValidity)
            throw new ConfigurationException(
                $"lease-operation-timeout ({OperationTimeout}) must not exceed heartbeat-timeout - 2 x heartbeat-interval ({LocalValidity}).");
    }

    private static string Redact(string configurationString)
    {
        try
        {
            return ConfigurationOptions.Parse(configurationString).ToString(includePassword: false);
        }
        catch (ArgumentException)
        {
            // Not echoed: a string that does not parse may still contain a password.
            throw new ConfigurationException("configuration-string is not a valid StackExchange.Redis configuration string.");
        }
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        $"RedisLeaseSettings(redis [{RedactedConfiguration}], database {Database}, key-prefix '{KeyPrefix}', " +
        $"heartbeat-timeout {HeartbeatTimeout}, heartbeat-interval {HeartbeatInterval}, lease-operation-timeout {OperationTimeout}, " +
        $"wait-for-replicas {WaitForReplicas}, wait-timeout {WaitTimeout})";
}
