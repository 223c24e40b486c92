using System.Diagnostics;
using BetExecutor.Cli.Simulate;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Scenarios;
using Serilog.Core;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// <c>betexec simulate</c>'s engine (ScenarioRunner, as the command runs it, in memory, on the in-process venue) on a
/// generated scenario: a signal a second over 70 identities (each past its cooldown when its next signal comes), each
/// event starting 10 s after its signal, so about ten pairs are in flight at any time whatever the scenario's length;
/// every pair placed, hedged and settled. Cost per signal is the run's wall time over its signals: flat when
/// nothing in the runner grows with the number of signals run so far (the venue's book, for one, does).
/// </summary>
internal static class SimulateCost
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<(TimeSpan Elapsed, int Executed)> RunAsync(int signals)
    {
        var scenario = new Scenario(Seed: 5, Start, ScenarioSettings.Default, Enumerable.Range(0, signals).Select(Step).ToArray());
        var clock = Stopwatch.StartNew();
        var results = await ScenarioRunner.RunAsync(scenario, Logger.None);
        clock.Stop();
        var settled = results.Count(r => r.Decision == "executed" && r.PairState == "settled" && r.Placements == new BetExecutor.Cli.Simulate.LegCounts(1, 1));
        if (settled != signals)
            throw new InvalidOperationException($"{settled} of {signals} signals executed and settled: {string.Join("; ", results.Where(r => r.PairState != "settled").Take(3))}");
        return (clock.Elapsed, settled);
    }

    private static ScenarioStep Step(int n)
    {
        var identity = Identity.Create("bookie", "brand1", $"sim{n % 70:000}");
        var signal = new Signal($"sim-{n:000000}", identity,
            new SportEvent($"match-{n}", Start + At(n) + TimeSpan.FromSeconds(10)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(BenchNode.Hedger, "match-odds", "not-home", 2.05m, 1.95m));
        return new SignalStep(At(n), signal, SignalStep.DefaultPositive, SignalStep.DefaultHedge);
    }

    private static TimeSpan At(int n) => TimeSpan.FromSeconds(n);
}
