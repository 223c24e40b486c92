namespace BetExecutor.LocalCluster;

/// <summary>What to start, and where its state and logs go.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>State directory: cluster.json, logs/, redis/, nodes/NAME/ (emptied at start).</summary>
    public required string Directory { get; init; }

    /// <summary>The built node (src/BetExecutor.Node's BetExecutor.Node.dll), run with <c>dotnet</c>.</summary>
    public required string NodeAssembly { get; init; }

    /// <summary>The built venue simulator (BetExecutor.Venue.Simulator.dll), run with <c>dotnet</c>.</summary>
    public required string VenueAssembly { get; init; }

    public int Executors { get; init; } = 3;

    public int Gateways { get; init; } = 1;

    /// <summary>A HOCON file of overrides given to every node (BETEXECUTOR_HOCON), or none.</summary>
    public string? HoconFile { get; init; }

    public string RedisServer { get; init; } = "redis-server";

    public int VenueSeed { get; init; } = 7;

    /// <summary>Put every process in a session of its own, so it outlives the launcher and its terminal.</summary>
    public bool Detach { get; init; }

    /// <summary>How long the whole start may take before it is given up (and everything started is stopped).</summary>
    public TimeSpan ReadyWithin { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Further environment variables for every node (e.g. BETEXECUTOR_LOG_LEVEL).</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>What stamps cluster.json's start time and the processes' log headers.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
