using System.Diagnostics;
using System.Net.Http.Json;
using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using BetExecutor.Simulation;
using BetExecutor.Venue.Simulator;
using Serilog.Core;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>A signal as sent and how the executor answered it; a resend is the scanner delivering the same signal id again.</summary>
public sealed record SentSignal(PairPlan Pair, SignalAnswer Answer, bool Resend);

/// <summary>Everything a soak run leaves behind: what was sent, what the executor said, and the venue's ground truth.</summary>
public sealed record SoakResult(
    SoakPlan Plan,
    IReadOnlyList<Identity> Owners,
    IReadOnlyList<SentSignal> Sent,
    IReadOnlyDictionary<(string Identity, string PairId), PairOutcome> Outcomes,
    IReadOnlyList<AccountStatus> FinalStatuses,
    IReadOnlyList<HeldBet> Book,
    IReadOnlyList<PlacementAttempt> Attempts,
    IReadOnlyList<ReferenceCountBody> References,
    IReadOnlyList<RecordedCall> Calls,
    IReadOnlyDictionary<string, string> VoidWireStates,
    int ExposuresResolvedByOperator,
    IReadOnlyList<string> OperatorRefusals,
    int HedgesSettledOpposite,
    int HedgesSettledIndependently,
    int UnansweredThatLanded,
    IReadOnlyList<RecordedCall> UnansweredThatNeverLanded,
    bool TimersLeft,
    DateTimeOffset VirtualEnd,
    TimeSpan RealDuration);

/// <summary>Runs the soak: a venue over loopback HTTP, an embedded executor node on the virtual clock, rounds of signals.</summary>
public static class SoakRun
{
    private const string Operator = "soak-operator";

    public static async Task<SoakResult> RunAsync(SoakPlan plan)
    {
        var watch = Stopwatch.StartNew();
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            Seed = plan.Seed,
            Faults = plan.Faults,
            HttpFaults = plan.HttpFaults,
            VirtualStart = plan.Start,
        });
        using var http = new HttpVenueDirectory(server.BaseAddress, plan.Client);
        var recorder = new RecordingVenueDirectory(http, server.Clock);
        var pairs = new SoakPairs();
        var world = new SoakVenueWorld(server, recorder, pairs, plan.LandingWait);

        await using var simulation = await ExecutorSimulation.StartAsync(plan.Start, plan.Seed, plan.Settings, Logger.None, venues: recorder);
        simulation.Clock.BeforeTimeMoves = world.BeforeTimeMovesAsync;

        var owners = Owners(plan);
        var hedges = Enumerable.Range(0, plan.HedgeAccounts).Select(h => Identity.Create("exchange", "main", $"hedge{h:00}")).ToArray();
        // Wakes every account (and makes the simulation flush each of them when it runs until quiet).
        foreach (var owner in owners) await simulation.StatusAsync(owner);

        var random = new Random(plan.Seed);
        var sent = new List<SentSignal>();
        var resolved = 0;
        var refusals = new List<string>();
        for (var round = 0; round < plan.Rounds; round++)
        {
            var at = plan.Start + plan.RoundEvery * round + TimeSpan.FromSeconds(1);
            await simulation.AdvanceToAsync(at);
            if (round > 0 && round % plan.ReviewEveryRounds == 0)
                resolved += await ReviewExposuresAsync(simulation, owners, refusals);

            var roundPairs = owners.Select((owner, i) => NewPair(plan, random, owner, hedges[i % hedges.Length], round, i, at)).ToList();
            foreach (var pair in roundPairs)
            {
                pairs.Add(pair);
                if (Script(pair.PositiveFault) is { } positive) server.Script(pair.PositiveRef, positive);
                if (Script(pair.HedgeFault) is { } hedge) server.Script(pair.HedgeRef, hedge);
            }
            var answers = await SendAllAsync(simulation, roundPairs);
            sent.AddRange(roundPairs.Zip(answers, (p, a) => new SentSignal(p, a, Resend: false)));

            var resends = roundPairs.Where(_ => random.NextDouble() < plan.ResentSignalShare).ToList();
            var again = await SendAllAsync(simulation, resends);
            sent.AddRange(resends.Zip(again, (p, a) => new SentSignal(p, a, Resend: true)));
        }

        await simulation.RunUntilQuietAsync(plan.Start + TimeSpan.FromHours(12));
        var statuses = new List<AccountStatus>();
        foreach (var owner in owners) statuses.Add(await simulation.StatusAsync(owner));

        var book = server.Simulator.Book();
        using var control = new HttpVenueControl(server.BaseAddress);
        var references = (await control.GetBookAsync()).References;
        var voidWireStates = await ReadVoidWireStatesAsync(server.BaseAddress, book);

        return new SoakResult(
            plan, owners, sent, simulation.Observer.Outcomes.ToDictionary(), statuses, book, server.Simulator.AllAttempts(),
            references, recorder.Calls, voidWireStates, resolved, refusals,
            world.HedgesSettledOpposite, world.HedgesSettledIndependently, world.UnansweredThatLanded,
            world.UnansweredThatNeverLanded.ToArray(), simulation.Clock.HasTimers, simulation.Clock.UtcNow, watch.Elapsed);
    }

    public static IReadOnlyList<Identity> Owners(SoakPlan plan) =>
        (from p in Enumerable.Range(0, plan.Providers)
         from w in Enumerable.Range(0, plan.Whitelabels)
         from a in Enumerable.Range(0, plan.AccountsPerWhitelabel)
         select Identity.Create($"softbook{p}", $"brand{w}", $"acct{a:00}")).ToArray();

    /// <summary>One arbitrage pair: a back at the soft book and the opposite side at an exchange, a few per cent of edge.</summary>
    private static PairPlan NewPair(SoakPlan plan, Random random, Identity owner, Identity hedge, int round, int index, DateTimeOffset at)
    {
        // Every draw made in the same order for every pair, so a change to one share never shifts the others.
        var positiveOdds = Math.Round(1.70m + (decimal)random.NextDouble() * 1.80m, 2);
        var fairHedge = 1m / (1m - 1m / positiveOdds);
        var hedgeOdds = Math.Round(fairHedge * (1.01m + (decimal)random.NextDouble() * 0.04m), 2);
        var stake = Math.Round(10m + (decimal)random.NextDouble() * 190m, 2);
        var positiveFault = DrawLegFault(random, plan.LookupDownShare);
        var hedgeFault = DrawLegFault(random, plan.LookupDownShare);
        var mismatched = random.NextDouble() < plan.MismatchedHedgeShare;

        var signal = new Signal(
            $"soak-{round:00}-{index:000}",
            owner,
            new SportEvent($"event-{round:00}-{index % 40:00}", at + plan.KickOffAfter),
            new PositiveLegSpec("match-odds", "home", positiveOdds, stake, "EUR"),
            new HedgeLegSpec(hedge, "match-odds", "not-home", hedgeOdds, Math.Round(hedgeOdds * 0.95m, 2)),
            ExpiresAt: at + plan.SignalLifetime);
        return new PairPlan(signal, round, at, positiveFault, hedgeFault, mismatched);
    }

    private static LegFault DrawLegFault(Random random, double share)
    {
        var draw = random.NextDouble();
        return draw < share / 2 ? LegFault.LookupDownPlaced : draw < share ? LegFault.LookupDownNotPlaced : LegFault.None;
    }

    private static LegScript? Script(LegFault fault) => fault switch
    {
        LegFault.LookupDownPlaced => new LegScript(new PlaceScript(PlaceBehaviour.TimeoutPlaced), SettlementState.Won, TimeSpan.Zero, LookupFails: true),
        LegFault.LookupDownNotPlaced => new LegScript(new PlaceScript(PlaceBehaviour.TimeoutNotPlaced), SettlementState.Won, TimeSpan.Zero, LookupFails: true),
        _ => null,
    };

    /// <summary>Sends the signals at once, as a scanner feeding many identities would, then lets every pair settle on a timer.</summary>
    private static async Task<SignalAnswer[]> SendAllAsync(ExecutorSimulation simulation, IReadOnlyList<PairPlan> pairs)
    {
        var answers = await Task.WhenAll(pairs.Select(p =>
            simulation.Node.Accounts.Ask<SignalAnswer>(new ExecuteSignal(p.Signal), ExecutorSimulation.RealTimeout)));
        await simulation.Clock.WaitUntilIdleAsync(ExecutorSimulation.RealTimeout);
        return answers;
    }

    /// <summary>The operator's round: every open exposure is looked at and resolved, so its identity trades again.</summary>
    private static async Task<int> ReviewExposuresAsync(ExecutorSimulation simulation, IReadOnlyList<Identity> owners, List<string> refusals)
    {
        var resolved = 0;
        var now = simulation.Clock.UtcNow;
        foreach (var owner in owners)
        {
            var status = await simulation.StatusAsync(owner);
            foreach (var exposure in status.Exposures.Where(x => x.StatusAt(now) == ExposureStatus.Open))
            {
                var answer = await simulation.ResolveExposureAsync(owner, exposure.PairId, "soak: checked against the venue's book", Operator);
                if (answer is OperatorAnswer.Done) resolved++;
                else refusals.Add($"{owner.Key} {exposure.PairId}: {answer}");
            }
        }
        return resolved;
    }

    /// <summary>How the venue reports each void bet on the wire (VOID or REFUNDED), read as the executor's client reads it.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReadVoidWireStatesAsync(Uri baseAddress, IReadOnlyList<HeldBet> book)
    {
        using var http = new HttpClient { BaseAddress = VenueRoutes.BaseAddress(baseAddress), Timeout = TimeSpan.FromSeconds(10) };
        var voids = book.Where(b => b.Settlement == SettlementState.Void).ToList();
        var states = await Task.WhenAll(voids.Select(async bet =>
        {
            var body = await http.GetFromJsonAsync<SettlementBody>(VenueRoutes.Settlement(bet.Account, bet.BetId), VenueWire.Json);
            return (bet.BetId, State: body?.State ?? "(none)");
        }));
        return states.ToDictionary(s => s.BetId, s => s.State);
    }
}
