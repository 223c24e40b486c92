using Akka.Hosting;
using Akka.Persistence.Hosting;

namespace BetExecutor.Persistence.Redis.Hosting;

public static class RedisPersistenceHostingExtensions
{
    /// <summary>
    /// Adds the Redis journal and snapshot store (plugin ids <c>akka.persistence.journal.redis</c> and
    /// <c>akka.persistence.snapshot-store.redis</c>) and, when <paramref name="isDefault"/>, makes
    /// them the system's default journal and snapshot store.
    /// </summary>
    /// <param name="connectionString">StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</param>
    /// <param name="database">Redis logical database number.</param>
    /// <param name="keyPrefix">Prefix for every key; must not contain braces.</param>
    /// <param name="storageEpoch">The storage epoch the node checked at start (<see cref="StorageEpoch"/>); empty: the one Redis holds.</param>
    /// <param name="waitForReplicas">Replicas that must hold each append and snapshot before it is acknowledged; 0: off.</param>
    /// <param name="waitTimeout">How long a write waits for those replicas before it fails; null: the default (1 s).</param>
    public static AkkaConfigurationBuilder WithRedisPersistence(
        this AkkaConfigurationBuilder builder,
        string connectionString,
        int database = 0,
        string keyPrefix = "",
        bool isDefault = true,
        string storageEpoch = "",
        int waitForReplicas = 0,
        TimeSpan? waitTimeout = null)
    {
        var journal = new RedisJournalOptions(isDefault)
        {
            ConfigurationString = connectionString,
            Database = database,
            KeyPrefix = keyPrefix,
            StorageEpoch = storageEpoch,
            WaitForReplicas = waitForReplicas,
            WaitTimeout = waitTimeout ?? RedisPluginSettings.DefaultWaitTimeout,
        };
        var snapshots = new RedisSnapshotOptions(isDefault)
        {
            ConfigurationString = connectionString,
            Database = database,
            KeyPrefix = keyPrefix,
            WaitForReplicas = waitForReplicas,
            WaitTimeout = waitTimeout ?? RedisPluginSettings.DefaultWaitTimeout,
        };
        return builder.WithJournalAndSnapshot(journal, snapshots);
    }
}
