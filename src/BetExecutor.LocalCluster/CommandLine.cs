using System.Globalization;

namespace BetExecutor.LocalCluster;

/// <summary>The two commands of scripts/local-cluster.</summary>
internal static class CommandLine
{
    public static async Task<int> UpAsync(string directory, string? node, string? venue, string? nodes, string? hocon)
    {
        if (node is null || venue is null) throw new LaunchException("up needs --node NODE.dll and --venue VENUE.dll");
        var executors = 3;
        if (nodes is not null && !int.TryParse(nodes, NumberStyles.None, CultureInfo.InvariantCulture, out executors))
            throw new LaunchException($"--nodes: '{nodes}' is not a number");
        Directory.CreateDirectory(directory);
        RefuseIfRunning(directory);

        var cluster = await LaunchedCluster.StartAsync(new LocalClusterOptions
        {
            Directory = directory,
            NodeAssembly = Path.GetFullPath(node),
            VenueAssembly = Path.GetFullPath(venue),
            Executors = executors,
            HoconFile = hocon is null ? null : Path.GetFullPath(hocon),
            Detach = true,
        }, line => Console.WriteLine($"  {line}"));
        var file = cluster.Describe();
        Console.WriteLine($"local cluster up: gateway {file.Gateway}, venue {file.Venue}, redis {file.Redis?.Address}");
        Console.WriteLine($"  API key and pids in {Path.GetFullPath(cluster.ClusterFilePath)}; logs in {Path.GetFullPath(Path.Combine(directory, "logs"))}");
        return 0;
    }

    /// <summary>A second <c>up</c> over a running cluster would lose track of its processes: refused.</summary>
    public static void RefuseIfRunning(string directory)
    {
        var path = Path.Combine(directory, ClusterFile.FileName);
        if (ClusterFile.Read(path) is { } running && running.Processes().Any(p => p.IsRunning))
            throw new LaunchException($"a local cluster is already running (see {path}): run 'scripts/local-cluster down' first");
    }

    /// <summary>Stops every process cluster.json names that is still the process started (pid and start time), then deletes the file.</summary>
    public static async Task<int> DownAsync(string directory)
    {
        var path = Path.Combine(directory, ClusterFile.FileName);
        if (ClusterFile.Read(path) is not { } file)
        {
            Console.WriteLine("local cluster: nothing to stop (no cluster.json)");
            return 0;
        }
        foreach (var process in file.Processes())
        {
            if (!process.IsRunning)
            {
                Console.WriteLine($"  {process.Name} (pid {process.Pid}) already gone");
                continue;
            }
            var graceful = await process.StopAsync(LaunchedCluster.StopGrace);
            Console.WriteLine($"  {process.Name} (pid {process.Pid}) stopped{(graceful ? "" : " by SIGKILL after the grace period")}");
        }
        File.Delete(path);
        Console.WriteLine($"local cluster down; logs kept in {Path.GetFullPath(Path.Combine(directory, "logs"))}");
        return 0;
    }
}
