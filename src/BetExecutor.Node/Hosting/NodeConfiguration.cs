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
        RefuseForgettingBoth(options, overrides);
        return new(ExecutorConfiguration.Merge(overrides), options, LeaseTimings.Read(overrides));
    }

    /// <summary>
    /// A pair's legs are sent under client references made of its identity and pair id, and a venue answers a
    /// reference it already holds with the bet it holds. With retention on, a closed pair is forgotten entirely; with a
    /// signal-id window, the account forgets the id too. Both together let a signal reusing an old id start a fresh pair
    /// under the old references: its "positive" would be the old bet, and a hedge could be placed against a positive
    /// hedged long ago (by hand, say). Either alone is safe (a remembered id is a duplicate; a remembered pair refuses
    /// the reuse as signal-id-reused), so the node refuses to run with both until references carry a per-acceptance part.
    /// </summary>
    private static void RefuseForgettingBoth(ExecutorOptions options, Config? overrides)
    {
        if (options.Account.SignalIdWindow is null || overrides is null) return;
        var store = overrides.GetConfig(Persistence.Redis.RedisPersistence.SnapshotStorePluginId);
        if (store is null || store.IsEmpty) return;
        bool retentionOn;
        try
        {
            retentionOn = Persistence.Redis.Retention.RetentionSettings.FromConfig(store).IsOn;
        }
        catch (ConfigurationException)
        {
            return; // the snapshot store refuses it at start, naming the key
        }
        if (retentionOn)
            throw new SettingException("bet-executor.signal-id-window",
                $"must be off while {Persistence.Redis.RedisPersistence.SnapshotStorePluginId}.retention.keep-events-for is set: " +
                "retention forgets closed pairs, and a signal id forgotten too could start a new pair under an old pair's client references");
    }
}
