using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Signals;
using BetExecutor.Venues.Scripts;
using BetExecutor.Simulation;
using Serilog.Core;

namespace BetExecutor.Audit.Tests.Support;

/// <summary>Starts an embedded executor node on a virtual clock, and scripts signals' legs before sending them.</summary>
public static class Executor
{
    /// <param name="hocon">A deployment's overrides, as BETEXECUTOR_HOCON gives a node.</param>
    public static Task<ExecutorSimulation> StartAsync(Func<ExecutorSettings, ExecutorSettings>? adjust = null, string? redis = null, string? hocon = null)
    {
        var settings = ExecutorSettings.Default("audit-node");
        return ExecutorSimulation.StartAsync(Signals.Start, seed: 1, adjust?.Invoke(settings) ?? settings, Logger.None, redis,
            hocon: hocon is null ? null : Akka.Configuration.ConfigurationFactory.ParseString(hocon));
    }

    /// <summary>
    /// Scripts both legs of the signal at the venue, then sends it. A node with per-acceptance references (retention on)
    /// places them under references that also hash the acceptance's instant: now on the virtual clock, which stands still
    /// until the test advances it.
    /// </summary>
    public static Task<SignalAnswer> SendAsync(this ExecutorSimulation simulation, Signal signal, LegScript positive, LegScript hedge, TimeSpan? timeout = null)
    {
        var acceptedAt = AcceptedNow(simulation);
        simulation.Venue.Script(Signals.PositiveRef(signal, acceptedAt), positive);
        simulation.Venue.Script(Signals.HedgeRef(signal, acceptedAt), hedge);
        return simulation.ExecuteAsync(signal, timeout);
    }

    /// <summary>The instant a signal sent now is accepted at, as its references hash it (null: the node does not).</summary>
    public static DateTimeOffset? AcceptedNow(this ExecutorSimulation simulation) =>
        simulation.Node.ReferencePerAcceptance ? simulation.Clock.UtcNow : null;

    public static Task RunUntilQuietAsync(this ExecutorSimulation simulation) =>
        simulation.RunUntilQuietAsync(simulation.Clock.UtcNow.AddDays(30));
}
