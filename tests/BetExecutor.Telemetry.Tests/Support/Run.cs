using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Simulation;
using BetExecutor.Venues.Scripts;
using Serilog.Core;

namespace BetExecutor.Telemetry.Tests.Support;

/// <summary>An embedded node on a virtual clock against the venue simulator, with its own metrics.</summary>
public static class Run
{
    public static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KickOff = Start.AddHours(6);
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    /// <summary>Starts a node whose observer is a fresh <see cref="MetricsObserver"/>, handed back for the test to read.</summary>
    /// <param name="adjust">Changes the node's settings (what its rules enforce).</param>
    /// <param name="watchedCooldown">The cooldown the metrics' watch checks; the node's own setting when null.</param>
    public static async Task<(ExecutorSimulation Simulation, MetricsObserver Observer)> StartAsync(
        string node = "telemetry-node", string? redis = null, Func<ExecutorSettings, ExecutorSettings>? adjust = null, TimeSpan? watchedCooldown = null)
    {
        MetricsObserver? observer = null;
        var settings = adjust?.Invoke(ExecutorSettings.Default(node)) ?? ExecutorSettings.Default(node);
        var simulation = await ExecutorSimulation.StartAsync(Start, seed: 1, settings, Logger.None, redis,
            observer: clock => observer = watchedCooldown is { } watched
                ? new MetricsObserver(new ExecutorMetrics(settings.Node, () => clock.UtcNow), new CooldownWatch(_ => watched))
                : MetricsObserver.For(settings, clock));
        return (simulation, observer!);
    }

    public static Identity Account(string account) => Identity.Create("bookie", "brand1", account);

    public static Signal For(Identity identity, string signalId) =>
        new(signalId, identity,
            new SportEvent("match-42", KickOff),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    public static LegScript Leg(string place, SettlementState settle, bool lookupFails = false) =>
        new(PlaceScript.Parse(place, "place"), settle, TimeSpan.Zero, lookupFails);

    /// <summary>Scripts both legs at the venue, then sends the signal.</summary>
    public static Task<SignalAnswer> SendAsync(this ExecutorSimulation simulation, Signal signal, LegScript positive, LegScript hedge)
    {
        simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive), positive);
        simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge), hedge);
        return simulation.ExecuteAsync(signal);
    }

    public static Task RunUntilQuietAsync(this ExecutorSimulation simulation) =>
        simulation.RunUntilQuietAsync(simulation.Clock.UtcNow.AddDays(30));
}
