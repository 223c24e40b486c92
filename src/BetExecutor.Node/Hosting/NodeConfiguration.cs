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
    public static NodeConfiguration Load(Config? overrides) =>
        new(ExecutorConfiguration.Merge(overrides), ExecutorConfiguration.Read(overrides), LeaseTimings.Read(overrides));
}
