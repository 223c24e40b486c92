using Akka.Configuration;
using BetExecutor.Actors.Configuration;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// A node's configuration, loaded once: the deployment's overrides over reference.conf, checked key by key and read
/// into typed options. The same merged HOCON is what the actor system runs with.
/// </summary>
public sealed class NodeConfiguration
{
    private NodeConfiguration(Config hocon, ExecutorOptions options, LeaseTimings lease)
    {
        Hocon = hocon;
        Options = options;
        Lease = lease;
    }

    /// <summary>Overrides over reference.conf, as handed to the actor system.</summary>
    public Config Hocon { get; }

    public ExecutorOptions Options { get; }

    /// <summary>The Redis lease's timings (used when the node has Redis).</summary>
    public LeaseTimings Lease { get; }

    /// <exception cref="SettingException">a key is unknown or a value out of range (the message names it).</exception>
    public static NodeConfiguration Load(Config? overrides)
    {
        var options = ExecutorConfiguration.Read(overrides);
        if (RetentionOn(overrides)) options = options with { Account = options.Account with { ReferencePerAcceptance = true } };
        return new(ExecutorConfiguration.Merge(overrides), options, LeaseTimings.Read(overrides));
    }

    /// <summary>
    /// Whether the Redis snapshot store forgets closed pairs (retention). Then a signal id outside its window can be
    /// accepted again with no trace of its old pair, and a pair id alone would name the old pair's bets at the venue:
    /// the node's acceptances then record per-acceptance client references (see Domain.Legs.ClientReference).
    /// </summary>
    private static bool RetentionOn(Config? overrides)
    {
        var store = overrides?.GetConfig(Persistence.Redis.RedisPersistence.SnapshotStorePluginId);
        if (store is null || store.IsEmpty) return false;
        try
        {
            return Persistence.Redis.Retention.RetentionSettings.FromConfig(store).IsOn;
        }
        catch (ConfigurationException)
        {
            return false; // the snapshot store refuses it at start, naming the key
        }
    }
}
