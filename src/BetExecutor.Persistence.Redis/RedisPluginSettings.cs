using Akka.Configuration;

namespace BetExecutor.Persistence.Redis;

/// <summary>The connection keys shared by the journal and the snapshot store.</summary>
/// <param name="StorageEpoch">
/// The journal's storage epoch (see README.md): the id of the storage this node last wrote to, from its data
/// directory. Empty: take the one Redis holds, creating it if there is none.
/// </param>
public sealed record RedisPluginSettings(string ConfigurationString, int Database, string KeyPrefix, string StorageEpoch = "")
{
    public static RedisPluginSettings FromConfig(Config config)
    {
        var settings = new RedisPluginSettings(
            config.GetString("configuration-string", "127.0.0.1:6379"),
            config.GetInt("database", 0),
            config.GetString("key-prefix", string.Empty),
            config.GetString("storage-epoch", string.Empty));

        // The persistence id, in braces, is the cluster hash tag: a brace in the prefix would
        // become the tag instead and scatter one persistence id's keys over several slots.
        if (settings.KeyPrefix.IndexOfAny(['{', '}']) >= 0)
            throw new ConfigurationException($"key-prefix must not contain '{{' or '}}' (got '{settings.KeyPrefix}').");
        if (string.IsNullOrWhiteSpace(settings.ConfigurationString))
            throw new ConfigurationException("configuration-string must name at least one Redis endpoint.");
        return settings;
    }
}
