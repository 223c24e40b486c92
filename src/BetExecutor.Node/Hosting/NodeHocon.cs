using Akka.Configuration;

namespace BetExecutor.Node.Hosting;

/// <summary>The node's HOCON (hocon/betexecutor.conf), embedded in this assembly so every host loads the same file.</summary>
public static class NodeHocon
{
    /// <summary>The node's HOCON with <paramref name="overrides"/> (if any) taking precedence.</summary>
    public static Config Load(Config? overrides) => overrides is null ? Load() : overrides.WithFallback(Load());

    public static Config Load()
    {
        using var stream = typeof(NodeHocon).Assembly.GetManifestResourceStream("betexecutor.conf")
            ?? throw new InvalidOperationException("the embedded resource betexecutor.conf is missing");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
