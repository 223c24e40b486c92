using BetExecutor.Domain.Legs;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Telemetry.Tests.Support;
using BetExecutor.Venues.Scripts;
using static BetExecutor.Telemetry.Tests.Support.Run;

namespace BetExecutor.Telemetry.Tests;

/// <summary>
/// Counts come from stored events as they are stored, never from a recovery's replay: a node restarted on the same
/// Redis counts nothing twice, and its gauges show what runs after the restart.
/// </summary>
public sealed class RestartCountTests
{
    [Fact]
    public async Task A_restart_counts_nothing_twice()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        var (simulation, observer) = await StartAsync("restarted-node", redis.ConnectionString);
        await using var _ = simulation;
        using var reading = new MeterReading(observer.Metrics.Meter);

        // Both pairs are hedged and wait for kick-off; one will settle as both won (an exposure).
        await simulation.SendAsync(For(Account("r-settles"), "r-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await simulation.SendAsync(For(Account("r-exposed"), "r-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Won));
        await simulation.RestartAsync();
        await simulation.RunUntilQuietAsync();
        // Once more after everything ended: the exposure is replayed, not raised again.
        await simulation.RestartAsync();

        var m = reading.Collect();
        Assert.Equal(2, m.Value("betexec.signals", "decision=executed", "reason=none"));
        Assert.Equal(2, m.Value("betexec.legs.placed", "leg=positive", "outcome=accepted"));
        Assert.Equal(2, m.Value("betexec.legs.placed", "leg=hedge", "outcome=accepted"));
        Assert.Equal(1, m.Value("betexec.exposures.raised", "reason=both-won"));
        Assert.Equal(1, m.Total("betexec.exposures.raised"));
        Assert.Equal(1, m.Value("betexec.settlement.reconciliations", "result=match", "reason=none"));
        Assert.Equal(1, m.Value("betexec.settlement.reconciliations", "result=mismatch", "reason=both-won"));
        Assert.Equal(2, reading.Samples("betexec.signal_to_positive.duration").Count);
        // The restarted node runs both accounts again (each was asked for its status) and knows the open exposure.
        Assert.Equal(2, m.Value("betexec.identities.active", "node=restarted-node"));
        Assert.Equal(1, m.Value("betexec.exposures.open", "node=restarted-node"));
        Assert.Equal(0, m.Value("betexec.cooldown.violations"));
    }
}
