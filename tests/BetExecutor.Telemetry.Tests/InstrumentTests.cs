using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Venues.Scripts;
using BetExecutor.Telemetry.Tests.Support;
using static BetExecutor.Telemetry.Tests.Support.Run;

namespace BetExecutor.Telemetry.Tests;

/// <summary>
/// Real pairs on an embedded node against the venue simulator: each counter moves by exactly what the pairs did,
/// read through the instruments (a listener on this node's meter only).
/// </summary>
public sealed class InstrumentTests
{
    private static readonly LegScript Won = Leg("accept", SettlementState.Won);
    private static readonly LegScript Lost = Leg("accept", SettlementState.Lost);

    [Fact]
    public async Task Every_counter_moves_by_what_the_pairs_did()
    {
        var (simulation, observer) = await StartAsync();
        await using var _ = simulation;
        using var reading = new MeterReading(observer.Metrics.Meter);

        // settled: positive and hedge accepted, settles as a hedged pair does
        var settled = For(Account("settled"), "s-settled");
        Assert.Equal(SignalAnswerKind.Executed, (await simulation.SendAsync(settled, Won, Lost)).Kind);
        // the same identity again at once: refused by the cooldown, nothing sent
        var tooSoon = await simulation.SendAsync(For(Account("settled"), "s-too-soon"), Won, Lost);
        Assert.Equal(DenialReason.Cooldown, tooSoon.Reason);
        // the venue refuses the positive for good: nothing stands
        await simulation.SendAsync(For(Account("rejected"), "s-rejected"), Leg("reject:MARKET_CLOSED", SettlementState.Pending), Lost);
        // the positive's answer times out but the venue took it: found by lookup, then hedged
        await simulation.SendAsync(For(Account("found"), "s-found"), Leg("timeout-placed", SettlementState.Won), Lost);
        // the positive's answer times out and the venue never took it: not found, nothing stands
        await simulation.SendAsync(For(Account("not-found"), "s-not-found"), Leg("timeout-not-placed", SettlementState.Pending), Lost);
        // the positive's answer times out and every lookup fails: unresolved-unknown exposure
        await simulation.SendAsync(For(Account("unresolved"), "s-unresolved"), Leg("timeout-placed", SettlementState.Won, lookupFails: true), Lost);
        // both legs win: a settlement mismatch and a both-won exposure
        await simulation.SendAsync(For(Account("both-won"), "s-both-won"), Won, Won);
        // the hedge is refused for good: the positive stands alone
        await simulation.SendAsync(For(Account("unhedged"), "s-unhedged"), Won, Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await simulation.RunUntilQuietAsync();

        var m = reading.Collect();
        Assert.Equal(7, m.Value("betexec.signals", "decision=executed", "reason=none"));
        Assert.Equal(1, m.Value("betexec.signals", "decision=rejected", "reason=cooldown"));
        Assert.Equal(8, m.Total("betexec.signals"));
        Assert.Equal(1, m.Value("betexec.cooldown.rejections"));

        // Positives: settled, both-won, unhedged accepted at once; rejected refused; found, not-found, unresolved unknown.
        Assert.Equal(3, m.Value("betexec.legs.placed", "leg=positive", "outcome=accepted"));
        Assert.Equal(1, m.Value("betexec.legs.placed", "leg=positive", "outcome=rejected"));
        Assert.Equal(3, m.Value("betexec.legs.placed", "leg=positive", "outcome=unknown"));
        // Hedges: settled, found and both-won accepted; unhedged refused.
        Assert.Equal(3, m.Value("betexec.legs.placed", "leg=hedge", "outcome=accepted"));
        Assert.Equal(1, m.Value("betexec.legs.placed", "leg=hedge", "outcome=rejected"));
        Assert.Equal(0, m.Value("betexec.legs.placed", "leg=hedge", "outcome=unknown"));

        Assert.Equal(3, m.Value("betexec.placements.unknown", "leg=positive"));
        Assert.Equal(1, m.Value("betexec.placements.unknown.resolved", "leg=positive", "resolution=found"));
        Assert.Equal(1, m.Value("betexec.placements.unknown.resolved", "leg=positive", "resolution=not-found"));
        Assert.Equal(1, m.Value("betexec.placements.unknown.resolved", "leg=positive", "resolution=unresolved"));

        Assert.Equal(1, m.Value("betexec.exposures.raised", "reason=unresolved-unknown"));
        Assert.Equal(1, m.Value("betexec.exposures.raised", "reason=both-won"));
        Assert.Equal(1, m.Value("betexec.exposures.raised", "reason=unhedged"));
        Assert.Equal(3, m.Total("betexec.exposures.raised"));
        Assert.Equal(3, m.Value("betexec.exposures.open", "node=telemetry-node"));

        // Settled and found reached settlement as hedged pairs; both-won did not.
        Assert.Equal(2, m.Value("betexec.settlement.reconciliations", "result=match", "reason=none"));
        Assert.Equal(1, m.Value("betexec.settlement.reconciliations", "result=mismatch", "reason=both-won"));
        // Settled, found and both-won settle; the simulator's scripted bets are final at kick-off: one poll each.
        Assert.Equal(3, m.Value("betexec.settlement.polls"));

        // One sample per positive sent (7 pairs started) and per first hedge attempt (settled, found, both-won, unhedged).
        Assert.Equal(7, reading.Samples("betexec.signal_to_positive.duration").Count);
        Assert.Equal(4, reading.Samples("betexec.positive_to_hedge.duration").Count);

        Assert.Equal(7, m.Value("betexec.identities.active", "node=telemetry-node"));
        Assert.True(m.Has("betexec.cooldown.violations"));
        Assert.Equal(0, m.Value("betexec.cooldown.violations"));

        // An operator resolves one exposure: one fewer open, nothing raised.
        var resolved = await simulation.ResolveExposureAsync(Account("both-won"), "s-both-won", "paid out both, accepted");
        Assert.IsType<OperatorAnswer.Done>(resolved);
        m = reading.Collect();
        Assert.Equal(2, m.Value("betexec.exposures.open", "node=telemetry-node"));
        Assert.Equal(3, m.Total("betexec.exposures.raised"));
    }

    [Fact]
    public async Task Positives_kept_apart_by_the_cooldown_count_no_violation()
    {
        var (simulation, observer) = await StartAsync();
        await using var _ = simulation;
        using var reading = new MeterReading(observer.Metrics.Meter);
        var identity = Account("busy");
        var cooldown = simulation.Settings.Account.Cooldown;

        // Signals every third of a cooldown: only those after the cooldown execute, and the watch sees no violation.
        var executed = 0;
        for (var i = 0; i < 7; i++)
        {
            var answer = await simulation.SendAsync(For(identity, $"busy-{i}"), Won, Lost);
            if (answer.Kind == SignalAnswerKind.Executed) executed++;
            await simulation.AdvanceByAsync(cooldown / 3);
        }
        var m = reading.Collect();
        Assert.True(executed >= 2, $"executed {executed}");
        Assert.Equal(executed, m.Value("betexec.signals", "decision=executed", "reason=none"));
        Assert.Equal(7 - executed, m.Value("betexec.cooldown.rejections"));
        Assert.Equal(0, m.Value("betexec.cooldown.violations"));
    }

    [Fact]
    public async Task With_the_rule_off_the_watch_counts_the_positives_it_let_through()
    {
        // The node's cooldown is off (0 s) while the watch still checks 5 minutes: what the rule would have stopped
        // goes through, and the watch, knowing nothing of the rule, counts each such positive.
        var (simulation, observer) = await StartAsync(
            adjust: s => s with { Account = s.Account with { Cooldown = TimeSpan.Zero } }, watchedCooldown: TimeSpan.FromMinutes(5));
        await using var _ = simulation;
        using var reading = new MeterReading(observer.Metrics.Meter);
        var identity = Account("no-cooldown");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignalAnswerKind.Executed, (await simulation.SendAsync(For(identity, $"nc-{i}"), Won, Lost)).Kind);
            await simulation.AdvanceByAsync(TimeSpan.FromMinutes(1));
        }
        var m = reading.Collect();
        Assert.Equal(0, m.Value("betexec.cooldown.rejections"));
        Assert.Equal(2, m.Value("betexec.cooldown.violations"));
    }
}
