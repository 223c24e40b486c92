using System.Reflection;
using System.Runtime.Loader;
using Akka.Configuration;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// The official Akka.Persistence.Redis journal, for the comparison: built by hand outside this repository
/// (bench/README.md says how) and loaded from its build output, so the repository holds none of its code. The same
/// harness (<see cref="JournalRuns"/>) then runs on both plugins in one run.
/// </summary>
internal static class OfficialPlugin
{
    private const string AssemblyName = "Akka.Persistence.Redis";

    /// <summary>The directory given with --official-plugin, if any; its assemblies resolve when Akka asks for the plugin's types.</summary>
    public static string? Directory { get; private set; }

    public static void Use(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, AssemblyName + ".dll")))
            throw new FileNotFoundException($"--official-plugin: no {AssemblyName}.dll in {full}");
        Directory = full;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(full, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        // Loaded now, so a wrong build fails here and not in the middle of a run.
        Assembly.Load(AssemblyName);
    }

    /// <summary>The official journal on the bench's redis-server (its snapshot store is not used: the harness takes no snapshots).</summary>
    public static Config Journal(int port, string prefix) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.redis"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.persistence.journal.redis {
          class = "Akka.Persistence.Redis.Journal.RedisJournal, {{AssemblyName}}"
          configuration-string = "{{BenchNode.Redis(port)}}"
          use-database-number-from-connection-string = false
          database = 0
          plugin-dispatcher = "akka.actor.default-dispatcher"
          key-prefix = "{{prefix}}"
        }
        """);
}
