using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;

namespace BetExecutor.Coordination.Redis;

/// <summary>How a start-up lease self-test ended (a failed one throws instead).</summary>
public enum LeaseSelfTestOutcome
{
    /// <summary>The probe lease was granted and released.</summary>
    AcquiredAndReleased,

    /// <summary>Redis answered that another owner (a previous incarnation of this node) holds the probe: the setup works.</summary>
    HeldByAnotherOwner,
}

/// <summary>
/// Takes a probe lease once through the same config path, <see cref="LeaseProvider"/> and Redis as the real leases, so
/// a broken lease setup (no config at the path, a wrong lease-class, an unreachable Redis, a wrong password) fails
/// the node's start instead of the first shard hand-over or the first network split.
/// </summary>
public static class RedisLeaseSelfTest
{
    private const string SbrPath = "akka.cluster.split-brain-resolver";

    /// <exception cref="ConfigurationException">The lease config (or the SBR's lease-majority lease config) is missing or wrong.</exception>
    /// <exception cref="LeaseException">Redis could not be reached or refused the probe.</exception>
    public static async Task<LeaseSelfTestOutcome> RunAsync(ActorSystem system, string configPath = RedisLease.DefaultConfigPath)
    {
        var config = system.Settings.Config;
        RequireLeaseConfig(config, configPath, "the lease config");
        if (config.GetString($"{SbrPath}.active-strategy", string.Empty) == "lease-majority")
            RequireLeaseConfig(config, config.GetString($"{SbrPath}.lease-majority.lease-implementation", string.Empty),
                $"{SbrPath}.lease-majority.lease-implementation");

        // Not the SBR's own lease: during a split it may rightly be held by a surviving node; the probe is per node.
        // The owner name Akka gives sharding and the SBR ("system@host:port"); the lease adds the incarnation.
        var address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        var ownerName = address.HostPort();
        var node = address.Host is null ? "local" : $"{address.Host}:{address.Port}";
        var probe = LeaseProvider.Get(system).GetLease($"{system.Name}-lease-self-test-{node}", configPath, ownerName);
        var log = Logging.GetLogger(system, typeof(RedisLeaseSelfTest));

        if (!await probe.Acquire().ConfigureAwait(false))
        {
            log.Info("Lease self-test on {ConfigPath}: Redis answered, the probe is held by an earlier incarnation of this node", configPath);
            return LeaseSelfTestOutcome.HeldByAnotherOwner;
        }
        if (!await probe.Release().ConfigureAwait(false))
            throw new LeaseException($"Lease self-test on [{configPath}]: the probe lease was granted but could not be released.");
        log.Info("Lease self-test on {ConfigPath}: probe lease acquired and released", configPath);
        return LeaseSelfTestOutcome.AcquiredAndReleased;
    }

    private static void RequireLeaseConfig(Config config, string path, string what)
    {
        const string hint = "apply the lease option with WithRedisLease(option): ShardOptions and LeaseMajorityOption only name its path";
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigurationException($"{what} names no lease config path; {hint}.");
        var className = config.HasPath(path) ? config.GetString($"{path}.lease-class", string.Empty) : string.Empty;
        if (string.IsNullOrWhiteSpace(className))
            throw new ConfigurationException($"No lease-class at [{path}] ({what}); {hint}.");
        var type = Type.GetType(className, throwOnError: false);
        if (type is null || !typeof(Lease).IsAssignableFrom(type))
            throw new ConfigurationException($"lease-class [{className}] at [{path}] is not a loadable Akka.Coordination.Lease.");
    }
}
