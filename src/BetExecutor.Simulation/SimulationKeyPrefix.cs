using System.Security.Cryptography;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Simulation;

/// <summary>
/// Redis key prefixes for demo and simulation runs: <c>betexec-KIND:yyyyMMddTHHmmssZ-RANDOM:</c>. Each run gets one of
/// its own, so it neither writes into a deployment's keys (<see cref="NodeOptions.ProductionKeyPrefix"/>) nor finds an
/// earlier run's signals and answers them as duplicates. Sharding's own state lives under the same prefix.
/// </summary>
/// <remarks>The time in it is the wall clock's (when the run was made, for whoever reads Redis), never the run's virtual time.</remarks>
public static class SimulationKeyPrefix
{
    public static string New(string kind, TimeProvider wallClock) =>
        $"betexec-{kind}:{wallClock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}:";
}
