using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Scenarios;
using BetExecutor.Simulation;
using Serilog;

namespace BetExecutor.Cli.Simulate;

/// <summary>
/// Runs a scenario on an embedded node with a virtual clock: each step at its offset, then time runs on until every
/// pair has reached a final state. Results come from the executor's answers, from what each account stored about how
/// its pairs finished (read back from its journal, so a restart cannot lose a report), and from the venue's book.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>How far virtual time may run after the last step before the run is declared stuck.</summary>
    public static readonly TimeSpan QuietLimit = TimeSpan.FromDays(30);

    /// <param name="redisKeyPrefix">This run's Redis key prefix (a fresh one when null); see <see cref="SimulationKeyPrefix"/>.</param>
    public static async Task<IReadOnlyList<SignalResult>> RunAsync(
        Scenario scenario, ILogger logger, string? redis = null, Uri? venueAddress = null, string? redisKeyPrefix = null)
    {
        var settings = ToExecutorSettings(scenario.Settings);
        ExecutorSimulation? started = null;
        await using IScenarioVenue venue = venueAddress is null
            ? new InProcessScenarioVenue(() => started!.Venue)
            : new HttpScenarioVenue(venueAddress);
        await venue.StartAsync(scenario.Start);
        await using var simulation = started = await ExecutorSimulation.StartAsync(
            scenario.Start, scenario.Seed, settings, logger, redis, venue.Directory, redisKeyPrefix);
        simulation.Clock.BeforeTimeMoves = venue.MoveClockAsync;
        var executed = new List<(SignalStep Step, SignalAnswer Answer)>();
        var owners = new Dictionary<string, Identity>();

        foreach (var step in scenario.Steps)
        {
            await simulation.AdvanceToAsync(scenario.Start + step.At);
            switch (step)
            {
                case SignalStep signal:
                    var owner = signal.Signal.Identity;
                    await venue.ScriptAsync(ClientReference.For(owner, signal.Signal.PairId, LegKind.Positive), signal.Positive);
                    await venue.ScriptAsync(ClientReference.For(owner, signal.Signal.PairId, LegKind.Hedge), signal.Hedge);
                    var answer = await simulation.ExecuteAsync(signal.Signal);
                    if (answer.Kind == SignalAnswerKind.Executed) owners[signal.Signal.SignalId] = owner;
                    executed.Add((signal, answer));
                    break;
                case HaltStep halt:
                    await simulation.HaltAsync(halt.Identity, "halted by the scenario", "scenario");
                    break;
                case ResumeStep resume:
                    await simulation.ResumeAsync(resume.Identity, "resumed by the scenario", "scenario");
                    break;
                case ResolveExposureStep resolve:
                    if (owners.TryGetValue(resolve.SignalId, out var identity))
                        await simulation.ResolveExposureAsync(identity, resolve.SignalId, resolve.Reason, "scenario");
                    else
                        logger.Warning("resolveExposure: signal {SignalId} never executed, so it has no exposure to resolve", resolve.SignalId);
                    break;
                case RestartStep:
                    await simulation.RestartAsync();
                    break;
            }
        }

        await simulation.RunUntilQuietAsync(scenario.Start + (scenario.Steps.Count > 0 ? scenario.Steps[^1].At : TimeSpan.Zero) + QuietLimit);
        var book = await venue.ReadBookAsync();
        var finished = new Dictionary<(string Identity, string PairId), PairOutcome>();
        foreach (var identity in executed.Where(e => e.Answer.Kind == SignalAnswerKind.Executed).Select(e => e.Step.Signal.Identity).Distinct())
            foreach (var (pairId, outcome) in await simulation.PersistedOutcomesAsync(identity))
                finished[(identity.Key, pairId)] = outcome;
        return executed.Select(e => Describe(e.Step, e.Answer, finished, book)).ToArray();
    }

    public static ExecutorSettings ToExecutorSettings(ScenarioSettings s)
    {
        var defaults = ExecutorSettings.Default("simulation");
        return defaults with
        {
            Account = defaults.Account with
            {
                Cooldown = s.Cooldown,
                ExposureExpiry = s.ExposureExpiry,
                ExposureBlocksIdentity = s.ExposureBlocksIdentity,
            },
            Pair = defaults.Pair with
            {
                PollInterval = s.PollInterval,
                MaxSettlementPolls = s.MaxSettlementPolls,
                UnknownWindow = s.UnknownWindow,
                HedgeMaxAttempts = s.HedgeMaxAttempts,
            },
            Policies = s.Limits,
        };
    }

    private static SignalResult Describe(
        SignalStep step, SignalAnswer answer, IReadOnlyDictionary<(string Identity, string PairId), PairOutcome> finished,
        Func<ClientReference, (int Held, int Attempts)> book)
    {
        var signal = step.Signal;
        var executed = answer.Kind == SignalAnswerKind.Executed;
        var outcome = executed ? finished.GetValueOrDefault((signal.Identity.Key, signal.PairId)) : null;
        var positive = book(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive));
        var hedge = book(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge));
        // Only the line that executed the pair counts its bets; a duplicate or a denial placed nothing.
        var placements = executed ? new LegCounts(positive.Held, hedge.Held) : new LegCounts(0, 0);
        var attempts = executed ? new LegCounts(positive.Attempts, hedge.Attempts) : new LegCounts(0, 0);
        return new SignalResult(
            signal.SignalId,
            signal.Identity.Key,
            DurationText.Format(step.At),
            answer.Kind switch
            {
                SignalAnswerKind.Executed => "executed",
                SignalAnswerKind.Duplicate => "duplicate",
                _ => "rejected",
            },
            answer.Kind == SignalAnswerKind.Rejected ? answer.Reason?.Code() : null,
            answer.Kind == SignalAnswerKind.Executed ? null : answer.Detail,
            answer.Kind switch
            {
                SignalAnswerKind.Rejected => "rejected",
                SignalAnswerKind.Duplicate => null,
                _ => outcome?.Code ?? "in-flight",
            },
            (outcome as PairOutcome.Exposed)?.Reason.Code(),
            placements,
            attempts,
            answer.CooldownUntil,
            answer.DryRun);
    }
}
