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

    /// <summary>Scripts both legs of the signal at the venue, then sends it.</summary>
    public static Task<SignalAnswer> SendAsync(this ExecutorSimulation simulation, Signal signal, LegScript positive, LegScript hedge, TimeSpan? timeout = null)
    {
        simulation.Venue.Script(Signals.PositiveRef(signal), positive);
        simulation.Venue.Script(Signals.HedgeRef(signal), hedge);
        return simulation.ExecuteAsync(signal, timeout);
    }

    public static Task RunUntilQuietAsync(this ExecutorSimulation simulation) =>
        simulation.RunUntilQuietAsync(simulation.Clock.UtcNow.AddDays(30));
}
