using System.Text;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Hosting.Coordination;

namespace BetExecutor.Coordination.Redis.Hosting;

/// <summary>
/// Typed face of a Redis lease config for Akka.Hosting: pass it as <c>ShardOptions.LeaseImplementation</c> (per-shard
/// <c>use-lease</c>) and as <c>LeaseMajorityOption.LeaseImplementation</c> (split-brain resolver), and apply it with
/// <see cref="RedisLeaseHostingExtensions.WithRedisLease"/>: neither sharding nor <c>LeaseMajorityOption</c> writes a
/// lease option's own settings, they only name its <see cref="ConfigPath"/>.
/// </summary>
/// <param name="configPath">Where the lease's config lives; a second path lets the SBR lease use other timings than the shard leases.</param>
public sealed class RedisLeaseOption(string configPath = RedisLease.DefaultConfigPath) : LeaseOptionBase
{
    public override string ConfigPath { get; } = string.IsNullOrWhiteSpace(configPath)
        ? throw new ArgumentException("A lease config path must not be empty.", nameof(configPath))
        : configPath;

    public override Type Class => typeof(RedisLease);

    /// <summary>StackExchange.Redis configuration string (<c>configuration-string</c>); may hold a password.</summary>
    public string? ConfigurationString { get; set; }

    /// <summary>Redis logical database (<c>database</c>).</summary>
    public int? Database { get; set; }

    /// <summary>Prefix of every lease key (<c>key-prefix</c>); must not contain braces.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>TTL of the lease key (<c>heartbeat-timeout</c>).</summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>Renewal period (<c>heartbeat-interval</c>); less than half of the timeout.</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>Bound on one Redis call (<c>lease-operation-timeout</c>).</summary>
    public TimeSpan? LeaseOperationTimeout { get; set; }

    /// <summary>Replicas that must hold a grant before it counts (<c>wait-for-replicas</c>); 0: off.</summary>
    public int? WaitForReplicas { get; set; }

    /// <summary>How long an acquire waits for those replicas (<c>wait-timeout</c>).</summary>
    public TimeSpan? WaitTimeout { get; set; }

    /// <summary>
    /// Writes every key at <see cref="ConfigPath"/>, unset ones from reference.conf: Akka's lease config falls back to
    /// the generic <c>akka.coordination.lease</c> defaults (120 s), never to this assembly's, so a path other than the
    /// default must be complete.
    /// </summary>
    public override void Apply(AkkaConfigurationBuilder builder, Setup? setup = null) =>
        builder.AddHocon(ToHocon(), HoconAddMode.Prepend);

    /// <summary>The lease's config as HOCON, rooted at <see cref="ConfigPath"/>.</summary>
    public string ToHocon()
    {
        var defaults = RedisLease.DefaultConfig().GetConfig(RedisLease.DefaultConfigPath);
        var sb = new StringBuilder();
        sb.AppendLine($"{ConfigPath} {{");
        sb.AppendLine($"  lease-class = {Class.AssemblyQualifiedName!.ToHocon()}");
        sb.AppendLine($"  heartbeat-timeout = {(HeartbeatTimeout ?? defaults.GetTimeSpan("heartbeat-timeout")).ToHocon()}");
        sb.AppendLine($"  heartbeat-interval = {(HeartbeatInterval ?? defaults.GetTimeSpan("heartbeat-interval")).ToHocon()}");
        sb.AppendLine($"  lease-operation-timeout = {(LeaseOperationTimeout ?? defaults.GetTimeSpan("lease-operation-timeout")).ToHocon()}");
        sb.AppendLine($"  configuration-string = {(ConfigurationString ?? defaults.GetString("configuration-string")).ToHocon()}");
        sb.AppendLine($"  database = {Database ?? defaults.GetInt("database")}");
        sb.AppendLine($"  key-prefix = {(KeyPrefix ?? defaults.GetString("key-prefix")).ToHocon()}");
        sb.AppendLine($"  wait-for-replicas = {WaitForReplicas ?? defaults.GetInt("wait-for-replicas")}");
        sb.AppendLine($"  wait-timeout = {(WaitTimeout ?? defaults.GetTimeSpan("wait-timeout")).ToHocon()}");
        sb.AppendLine("}");
        return sb.ToString();
    }
}
