using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Simulation;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>
/// The signal-id window on a real node and a real redis-server, the virtual clock driving time: an account forgets a
/// closed signal id at its first decision after the window (its snapshot and its recovery agree), never one whose pair
/// is in flight or whose exposure is unresolved, and a new signal under a forgotten id whose pair still has history is
/// refused <c>signal-id-reused</c> with nothing sent to the venue.
/// </summary>
public sealed class SignalIdWindowNodeTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly Identity Liam = Account("liam");
    private static readonly Identity Mia = Account("mia");
    private static readonly Identity Noah = Account("noah");

    private static Task<ExecutorSimulation> StartAsync(RedisServerProcess redis) =>
        // A snapshot every 3 events: the restart below recovers from a snapshot taken after forgetting, then events.
        Executor.StartAsync(s => s with { Account = s.Account with { SignalIdWindow = Window }, AccountSnapshotEvery = 3 }, redis.ConnectionString);

    /// <summary>A decision recorded without a pair: the event has started (kick-off at the simulation's start), or an open exposure blocks.</summary>
    private static async Task DeniedDecisionAsync(ExecutorSimulation executor, Identity identity, string signalId)
    {
        var answer = await executor.ExecuteAsync(For(identity, signalId, kickOff: Start));
        Assert.Equal(SignalAnswerKind.Rejected, answer.Kind);
        Assert.Contains(answer.Reason, new DenialReason?[] { DenialReason.EventStarted, DenialReason.ExposureOpen });
    }

    [Fact]
    public async Task A_settled_id_is_a_duplicate_within_the_window_forgotten_after_it_and_its_reuse_is_refused_with_nothing_sent()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var executor = await StartAsync(redis);
        var first = For(Liam, "s-1");
        Assert.Equal(SignalAnswerKind.Executed, (await executor.SendAsync(first, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost))).Kind);
        Assert.Equal(SignalAnswerKind.Duplicate, (await executor.ExecuteAsync(first)).Kind);
        await executor.RunUntilQuietAsync(); // settles after kick-off, hours later
        Assert.True(executor.Clock.UtcNow > Start + Window);
        Assert.Equal(1, (await executor.StatusAsync(Liam)).SignalsSeen); // nothing decided since: still remembered

        await DeniedDecisionAsync(executor, Liam, "s-2");
        Assert.Equal(1, (await executor.StatusAsync(Liam)).SignalsSeen); // s-1 forgotten, s-2 remembered
        await executor.RestartAsync();
        Assert.Equal(1, (await executor.StatusAsync(Liam)).SignalsSeen); // snapshot + events recover the same

        // The same id again, for a later match: the old pair's history is still stored (no retention), so it is refused.
        var again = For(Liam, "s-1", kickOff: executor.Clock.UtcNow.AddDays(1));
        var reused = await executor.ExecuteAsync(again);
        Assert.Equal((SignalAnswerKind.Rejected, DenialReason.SignalIdReused), (reused.Kind, reused.Reason));
        Assert.Single(executor.Venue.Attempts(PositiveRef(first)));
        Assert.Single(executor.Venue.Attempts(HedgeRef(first)));
        var outcomes = await executor.PersistedOutcomesAsync(Liam);
        Assert.Equal(NothingStandsReason.SignalIdReused, Assert.IsType<PairOutcome.NothingStands>(outcomes["s-1"]).Reason);

        var repeat = await executor.ExecuteAsync(again); // within the window of the refusal: its duplicate
        Assert.Equal(SignalAnswerKind.Duplicate, repeat.Kind);
        Assert.Equal(NothingStandsReason.SignalIdReused, Assert.IsType<PairOutcome.NothingStands>(repeat.First!.PairEnded).Reason);
        Assert.Empty((await executor.StatusAsync(Liam)).PairsInFlight);
    }

    [Fact]
    public async Task An_id_whose_exposure_is_unresolved_stays_a_duplicate_past_the_window_until_the_exposure_is_resolved()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var executor = await StartAsync(redis);
        var first = For(Mia, "s-1");
        await executor.SendAsync(first, Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.RunUntilQuietAsync();
        Assert.Single((await executor.StatusAsync(Mia)).Exposures);
        await executor.AdvanceByAsync(Window * 3);

        await DeniedDecisionAsync(executor, Mia, "s-2");
        await executor.RestartAsync();
        var repeat = await executor.ExecuteAsync(first with { Event = first.Event with { StartsAt = executor.Clock.UtcNow.AddDays(1) } });
        Assert.Equal(SignalAnswerKind.Duplicate, repeat.Kind);
        Assert.Single(executor.Venue.Attempts(PositiveRef(first)));

        Assert.IsType<OperatorAnswer.Done>(await executor.ResolveExposureAsync(Mia, "s-1", "hedged by hand", "ops-anna"));
        await DeniedDecisionAsync(executor, Mia, "s-3");
        Assert.Equal(2, (await executor.StatusAsync(Mia)).SignalsSeen); // s-2 and s-3: s-1 forgotten once resolved
        Assert.Single((await executor.StatusAsync(Mia)).Exposures); // the exposure's history stays
    }

    [Fact]
    public async Task An_id_whose_pair_is_still_settling_is_never_forgotten_and_its_repeat_starts_no_second_pair()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var executor = await StartAsync(redis);
        var first = For(Noah, "s-1", kickOff: Start.AddDays(3)); // settles days later: in flight all along
        Assert.Equal(SignalAnswerKind.Executed, (await executor.SendAsync(first, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost))).Kind);
        await executor.AdvanceByAsync(Window * 3);
        Assert.Equal(["s-1"], (await executor.StatusAsync(Noah)).PairsInFlight);

        await DeniedDecisionAsync(executor, Noah, "s-2");
        await executor.RestartAsync();
        var repeat = await executor.ExecuteAsync(first);

        Assert.Equal(SignalAnswerKind.Duplicate, repeat.Kind);
        Assert.Equal(2, (await executor.StatusAsync(Noah)).SignalsSeen);
        await executor.RunUntilQuietAsync();
        Assert.Single(executor.Venue.Attempts(PositiveRef(first)));
        Assert.Single(executor.Venue.Attempts(HedgeRef(first)));
        Assert.IsType<PairOutcome.Settled>((await executor.PersistedOutcomesAsync(Noah))["s-1"]);
    }
}
