using Akka.Configuration;

namespace BetExecutor.Persistence.Redis;

/// <summary>The connection keys shared by the journal and the snapshot store.</summary>
/// <param name="StorageEpoch">
/// The journal's storage epoch (see README.md): the id of the storage this node last wrote to, from its data
/// directory. Empty: take the one Redis holds, creating it if there is none.
/// </param>
/// <param name="WaitForReplicas">
/// Replicas that must have a write before it is acknowledged (<c>wait-for-replicas</c>); 0: the primary's word is enough.
/// </param>
/// <param name="WaitTimeout">How long a write waits for those replicas before it fails (<c>wait-timeout</c>).</param>
public sealed record RedisPluginSettings(
    string ConfigurationString,
    int Database,
    string KeyPrefix,
    string StorageEpoch = "",
    int WaitForReplicas = 0,
    TimeSpan WaitTimeout = default)
{
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(1);

    public ReplicaWait ReplicaWait => new(WaitForReplicas, WaitTimeout == default ? DefaultWaitTimeout : WaitTimeout);

    public static RedisPluginSettings FromConfig(Config config)
    {
        var settings = new RedisPluginSettings(
            config.GetString("configuration-string", "127.0.0.1:6379"),
            config.GetInt("database", 0),
            config.GetString("key-prefix", string.Empty),
            config.GetString("storage-epoch", string.Empty),
            Typed(config, "wait-for-replicas", "a whole number of replicas, 0 or more", () => config.GetInt("wait-for-replicas", 0)),
            Typed(config, "wait-timeout", "a duration such as 500ms or 2s", () => config.GetTimeSpan("wait-timeout", DefaultWaitTimeout, allowInfinite: false)));

        // The persistence id, in braces, is the cluster hash tag: a brace in the prefix would
        // become the tag instead and scatter one persistence id's keys over several slots.
        if (settings.KeyPrefix.IndexOfAny(['{', '}']) >= 0)
            throw new ConfigurationException($"key-prefix must not contain '{{' or '}}' (got '{settings.KeyPrefix}').");
        if (string.IsNullOrWhiteSpace(settings.ConfigurationString))
            throw new ConfigurationException("configuration-string must name at least one Redis endpoint.");
        if (settings.WaitForReplicas < 0)
            throw new ConfigurationException($"wait-for-replicas must be 0 (off) or more (got {settings.WaitForReplicas}).");
        // WAIT with a timeout of 0 would block forever: a dead replica must fail the write, not hang it.
        if (settings.WaitTimeout <= TimeSpan.Zero)
            throw new ConfigurationException($"wait-timeout must be positive (got {config.GetString("wait-timeout")}).");
        return settings;
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
}
