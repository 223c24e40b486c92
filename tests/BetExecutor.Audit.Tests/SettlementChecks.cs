using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests;

/// <summary>Audit category 3, settlement and reconciliation (3 checks).</summary>
public sealed class SettlementChecks
{
    [Fact]
    public async Task Settlement_is_polled_until_both_legs_are_final()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");
        await executor.SendAsync(signal, Leg("accept", SettlementState.Pending), Leg("accept", SettlementState.Lost));

        // Ten polls in, the venue still shows the positive as pending; then it settles.
        await executor.AdvanceToAsync(KickOff + TimeSpan.FromMinutes(5));
        Assert.Null(executor.Observer.OutcomeOf(signal.Identity, signal.PairId));
        executor.Venue.Script(PositiveRef(signal), Leg("accept", SettlementState.Won));
        await executor.RunUntilQuietAsync();

        Assert.IsType<PairOutcome.Settled>(executor.Observer.OutcomeOf(signal.Identity, signal.PairId));
        var polls = (await JournalReader.ReadAsync(executor.Node.System, $"pair/{signal.Identity.Key}/{signal.PairId}")).OfType<SettlementPolled>().ToList();
        Assert.InRange(polls.Count, 11, 12);
        Assert.All(polls.SkipLast(1), p => Assert.Equal(SettlementState.Pending, p.Positive));
    }

    [Fact]
    public async Task Polling_stops_after_120_polls_and_raises_an_exposure()
    {
        await using var executor = await Executor.StartAsync();
        var signal = For(Account("alice"), "s-1");
        await executor.SendAsync(signal, Leg("accept", SettlementState.Pending), Leg("accept", SettlementState.Pending));

        await executor.RunUntilQuietAsync();

        var outcome = executor.Observer.OutcomeOf(signal.Identity, signal.PairId)!;
        Assert.Equal(ExposureReason.PollLimitReached, Assert.IsType<PairOutcome.Exposed>(outcome).Reason);
        var polls = (await JournalReader.ReadAsync(executor.Node.System, $"pair/{signal.Identity.Key}/{signal.PairId}")).OfType<SettlementPolled>();
        Assert.Equal(120, polls.Count());
        Assert.False(executor.Clock.HasTimers); // nothing keeps polling
    }

    public static readonly TheoryData<SettlementState, SettlementState, ExposureReason?> Outcomes = new()
    {
        { SettlementState.Won, SettlementState.Lost, null },
        { SettlementState.Lost, SettlementState.Won, null },
        { SettlementState.Void, SettlementState.Void, null },
        { SettlementState.Void, SettlementState.Lost, ExposureReason.VoidOneSide },
        { SettlementState.Won, SettlementState.Void, ExposureReason.VoidOneSide },
        { SettlementState.HalfWon, SettlementState.Lost, ExposureReason.PartialSettlement },
        { SettlementState.Lost, SettlementState.HalfLost, ExposureReason.PartialSettlement },
        { SettlementState.Lost, SettlementState.Lost, ExposureReason.BothLost },
        { SettlementState.Won, SettlementState.Won, ExposureReason.BothWon },
    };

    [Fact]
    public async Task Every_settlement_scenario_is_classified_expected_or_exposure()
    {
        await using var executor = await Executor.StartAsync();
        var cases = Outcomes.Select((row, i) => (Signal: For(Account($"acct{i}"), $"s-{i}"),
            Positive: (SettlementState)row[0], Hedge: (SettlementState)row[1], Expected: (ExposureReason?)row[2])).ToList();
        foreach (var c in cases)
            await executor.SendAsync(c.Signal, Leg("accept", c.Positive), Leg("accept", c.Hedge));

        await executor.RunUntilQuietAsync();

        foreach (var c in cases)
        {
            var outcome = executor.Observer.OutcomeOf(c.Signal.Identity, c.Signal.PairId)!;
            Assert.Equal(c.Expected is null ? PairOutcome.Settled.StableCode : PairOutcome.Exposed.StableCode, outcome.Code);
            Assert.Equal(c.Expected, (outcome as PairOutcome.Exposed)?.Reason);
        }
    }
}
