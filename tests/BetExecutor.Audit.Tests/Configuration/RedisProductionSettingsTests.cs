using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Actors.Configuration;
using BetExecutor.Actors.Time;
using BetExecutor.Coordination.Redis;
using BetExecutor.Node.Hosting;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Retention;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using Serilog.Core;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// A production node turns on the Redis plugins' replica waits and retention from its settings file
/// (BETEXECUTOR_HOCON): what it sets is what the running journal, snapshot store and lease read.
/// </summary>
public sealed class RedisProductionSettingsTests : IDisposable
{
    private readonly string _archive = Directory.CreateTempSubdirectory("betexec-archive-").FullName;

    public void Dispose() => Directory.Delete(_archive, recursive: true);

    private string ProductionHocon => $$"""
        akka.persistence.journal.redis { wait-for-replicas = 1, wait-timeout = 400ms }
        akka.persistence.snapshot-store.redis {
          wait-for-replicas = 1
          wait-timeout = 400ms
          retention { keep-events-for = 7d, archive-directory = "{{_archive.Replace("\\", "\\\\")}}" }
        }
        akka.coordination.lease.redis { wait-for-replicas = 1, wait-timeout = 400ms }
        """;

    [Fact]
    public void The_leases_replica_wait_is_read_from_the_settings_file_and_reaches_the_lease_option()
    {
        var lease = NodeConfiguration.Load(ConfigurationFactory.ParseString(ProductionHocon)).Lease;

        Assert.Equal((1, TimeSpan.FromMilliseconds(400)), (lease.WaitForReplicas, lease.WaitTimeout));
        var option = lease.Option("127.0.0.1:6379", "betexecutor:");
        Assert.Equal((1, TimeSpan.FromMilliseconds(400)), (option.WaitForReplicas, option.WaitTimeout));
        Assert.Equal((0, null), (NodeConfiguration.Load(null).Lease.WaitForReplicas, NodeConfiguration.Load(null).Lease.WaitTimeout));
    }

    [Theory]
    [InlineData("akka.coordination.lease.redis.wait-for-replicas = -1", "akka.coordination.lease.redis.wait-for-replicas")]
    [InlineData("akka.coordination.lease.redis.wait-for-replicas = many", "akka.coordination.lease.redis.wait-for-replicas")]
    [InlineData("akka.coordination.lease.redis.wait-timeout = soon", "akka.coordination.lease.redis.wait-timeout")]
    public void A_bad_lease_replica_wait_is_refused_naming_the_key(string hocon, string key)
    {
        var refused = Assert.Throws<SettingException>(() => NodeConfiguration.Load(ConfigurationFactory.ParseString(hocon)));

        Assert.StartsWith(key, refused.Message);
    }

    [Fact]
    public async Task A_node_on_a_primary_with_a_replica_runs_with_the_replica_waits_and_retention_of_its_settings_file()
    {
        await using var primary = await RedisServerProcess.StartNewAsync();
        await using var replica = await RedisServerProcess.StartNewAsync(extraArguments: ["--replicaof", "127.0.0.1", primary.Port.ToString()]);
        await UntilReplicatingAsync(replica);
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default("replicated"), NoObserver.Instance);

        // The start's lease self-test already takes a grant that a replica must confirm.
        await using var node = await EmbeddedNode.StartAsync(new NodeOptions("replicated", RedisConnectionString: primary.ConnectionString,
            ExtraHocon: ConfigurationFactory.ParseString(ProductionHocon), RedisKeyPrefix: "betexecutor:"), services, Logger.None);
        var config = node.System.Settings.Config;

        foreach (var plugin in new[] { RedisPersistence.JournalPluginId, RedisPersistence.SnapshotStorePluginId })
        {
            var wait = RedisPluginSettings.FromConfig(config.GetConfig(plugin)).ReplicaWait;
            Assert.Equal((1, TimeSpan.FromMilliseconds(400)), (wait.Replicas, wait.Timeout));
        }
        var retention = RetentionSettings.FromConfig(config.GetConfig(RedisPersistence.SnapshotStorePluginId));
        Assert.Equal((TimeSpan.FromDays(7), _archive), (retention.KeepEventsFor, retention.ArchiveDirectory));
        Assert.Equal(1, config.GetInt($"{RedisLease.DefaultConfigPath}.wait-for-replicas"));
        Assert.Equal(TimeSpan.FromMilliseconds(400), config.GetTimeSpan($"{RedisLease.DefaultConfigPath}.wait-timeout"));
    }

    /// <summary>Bounded: a replica that never syncs fails the test.</summary>
    private static async Task UntilReplicatingAsync(RedisServerProcess replica)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await replica.CommandAsync("INFO", "replication")).Contains("master_link_status:up")) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the replica did not sync with its primary in 10 s");
    }
}
