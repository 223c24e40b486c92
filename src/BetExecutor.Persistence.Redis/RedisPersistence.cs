using Akka.Configuration;

namespace BetExecutor.Persistence.Redis;

/// <summary>Entry point for the plugin's HOCON defaults.</summary>
public static class RedisPersistence
{
    public const string JournalPluginId = "akka.persistence.journal.redis";
    public const string SnapshotStorePluginId = "akka.persistence.snapshot-store.redis";

    /// <summary>
    /// The embedded <c>reference.conf</c>: both plugin sections with every key documented.
    /// Use it as a fallback under the host's own configuration.
    /// </summary>
    public static Config DefaultConfig() => ConfigurationFactory.ParseString(EmbeddedResources.Read("reference.conf"));
}
