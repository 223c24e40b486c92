using System.Security.Cryptography;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Simulation;

/// <summary>
/// Redis key prefixes for demo and simulation runs: <c>betexec-KIND:yyyyMMddTHHmmssZ-RANDOM:</c>. Each run gets one of
/// its own, so it neither writes into a deployment's keys (<see cref="NodeOptions.ProductionKeyPrefix"/>) nor finds an
/// earlier run's signals and answers them as duplicates. Sharding's own state lives under the same prefix.
/// </summary>
public static class SimulationKeyPrefix
{
    public static string New(string kind) =>
        $"betexec-{kind}:{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}:";
}
