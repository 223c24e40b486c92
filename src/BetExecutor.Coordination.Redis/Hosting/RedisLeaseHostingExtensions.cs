using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;

namespace BetExecutor.Coordination.Redis.Hosting;

public static class RedisLeaseHostingExtensions
{
    /// <summary>
    /// Writes the lease's settings at its config path and, with <paramref name="selfTest"/>, takes and releases a probe
    /// lease once the actor system has started, so a broken lease setup fails the host's start. Required wherever the
    /// option is used: sharding's <c>ShardOptions.LeaseImplementation</c> and <see cref="LeaseMajorityOption"/> only
    /// name the path.
    /// </summary>
    public static AkkaConfigurationBuilder WithRedisLease(this AkkaConfigurationBuilder builder, RedisLeaseOption lease, bool selfTest = true)
    {
        lease.Apply(builder);
        if (selfTest)
            builder.AddStartup(async (system, _) => await RedisLeaseSelfTest.RunAsync(system, lease.ConfigPath).ConfigureAwait(false));
        return builder;
    }

    /// <summary>
    /// The split-brain resolver's lease-majority strategy on this lease. Still apply the lease itself with
    /// <see cref="WithRedisLease"/>: <see cref="LeaseMajorityOption"/> writes only <c>lease-implementation = path</c>.
    /// </summary>
    /// <param name="leaseName">Defaults to "&lt;actor-system-name&gt;-akka-sbr".</param>
    /// <param name="role">Only nodes with this role count for the majority (null: all).</param>
    public static LeaseMajorityOption LeaseMajority(this RedisLeaseOption lease, string? leaseName = null, string? role = null) =>
        new()
        {
            LeaseImplementation = lease,
            LeaseName = leaseName,
            Role = role,
        };
}
