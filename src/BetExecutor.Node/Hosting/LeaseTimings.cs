using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Coordination.Redis;
using BetExecutor.Coordination.Redis.Hosting;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The timings of the node's Redis lease (the account shards' and the split-brain resolver's), and its replica wait,
/// from the deployment's HOCON at <c>akka.coordination.lease.redis</c> over the lease's reference.conf. Only those
/// are set there: the lease's Redis is the journal's (BETEXECUTOR_REDIS) and its key prefix the node's, so a key
/// naming either would be ignored; it is refused instead, like any unknown setting.
/// </summary>
/// <param name="WaitForReplicas">Replicas that must hold a grant before it counts (<c>wait-for-replicas</c>); 0: off.</param>
/// <param name="WaitTimeout">How long a grant waits for them (<c>wait-timeout</c>); null: the lease's default.</param>
public sealed record LeaseTimings(TimeSpan HeartbeatTimeout, TimeSpan HeartbeatInterval, TimeSpan OperationTimeout, int WaitForReplicas = 0, TimeSpan? WaitTimeout = null)
{
    public const string Section = RedisLease.DefaultConfigPath;

    private static readonly string[] Keys = ["heartbeat-timeout", "heartbeat-interval", "lease-operation-timeout", "wait-for-replicas", "wait-timeout"];

    /// <exception cref="SettingException">an unknown key, a value that is not a duration, or timings that do not fit together.</exception>
    public static LeaseTimings Read(Config? overrides)
    {
        if (overrides is not null && overrides.HasPath(Section))
        {
            var given = overrides.GetValue(Section);
            if (!given.IsObject()) throw new SettingException(Section, "must be a section { ... }");
            foreach (var (key, _) in given.GetObject().Items)
            {
                if (!Keys.Contains(key))
                    throw new SettingException($"{Section}.{key}",
                        "not a lease setting: only heartbeat-timeout, heartbeat-interval, lease-operation-timeout, wait-for-replicas and wait-timeout are set here (the lease uses BETEXECUTOR_REDIS and the node's key prefix)");
            }
        }
        var merged = overrides is null ? RedisLease.DefaultConfig() : overrides.WithFallback(RedisLease.DefaultConfig());
        var timings = new LeaseTimings(
            ExecutorConfiguration.Duration(merged, Section, Keys[0], zeroAllowed: false),
            ExecutorConfiguration.Duration(merged, Section, Keys[1], zeroAllowed: false),
            ExecutorConfiguration.Duration(merged, Section, Keys[2], zeroAllowed: false),
            new SettingReader(merged.GetConfig(Section), Section).Whole(Keys[3], 0, 16),
            overrides?.HasPath($"{Section}.{Keys[4]}") == true ? ExecutorConfiguration.Duration(merged, Section, Keys[4], zeroAllowed: false) : null);
        try
        {
            // The lease's own rules (interval under half the timeout, an operation within the local validity, the replica wait).
            _ = new RedisLeaseSettings("127.0.0.1:6379", 0, "", timings.HeartbeatTimeout, timings.HeartbeatInterval, timings.OperationTimeout,
                timings.WaitForReplicas, timings.WaitTimeout);
        }
        catch (ConfigurationException ex)
        {
            throw new SettingException(Section, ex.Message);
        }
        return timings;
    }

    /// <summary>The lease on the journal's Redis, with the node's key prefix (keys <c>&lt;prefix&gt;lease:{name}</c>).</summary>
    public RedisLeaseOption Option(string redis, string keyPrefix) => new()
    {
        ConfigurationString = redis,
        KeyPrefix = keyPrefix,
        HeartbeatTimeout = HeartbeatTimeout,
        HeartbeatInterval = HeartbeatInterval,
        LeaseOperationTimeout = OperationTimeout,
        WaitForReplicas = WaitForReplicas,
        WaitTimeout = WaitTimeout,
    };
}
