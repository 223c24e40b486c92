using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Actors.Configuration;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests;

/// <summary>Audit category 2, cooldown (5 checks).</summary>
public sealed class CooldownChecks
{
    [Fact]
    public async Task Cooldown_is_sixty_seconds_by_default()
    {
        var shipped = ExecutorConfiguration.Defaults.ToSettings("any");
        Assert.Equal(TimeSpan.FromSeconds(60), shipped.Account.Cooldown);

        await using var executor = await Executor.StartAsync(_ => shipped);
        var answer = await executor.SendAsync(For(Account("alice"), "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(Start.AddSeconds(60), answer.CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_is_persisted_as_an_event_with_its_absolute_expiry()
    {
        await using var executor = await Executor.StartAsync();
        var identity = Account("alice");
        await executor.SendAsync(For(identity, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        var events = await JournalReader.ReadAsync(executor.Node.System, AccountActor.PersistenceIdFor(identity));

        var accepted = Assert.Single(events.OfType<SignalAccepted>());
        Assert.Equal(Start.AddSeconds(60), accepted.CooldownUntil);
        Assert.Equal("audit-node", accepted.Meta.Node);
    }

    [Fact]
    public async Task New_signal_is_blocked_during_the_cooldown_with_the_time_it_ends()
    {
        await using var executor = await Executor.StartAsync();
        var identity = Account("alice");
        await executor.SendAsync(For(identity, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.AdvanceByAsync(TimeSpan.FromSeconds(59));

        var answer = await executor.SendAsync(For(identity, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(SignalAnswerKind.Rejected, answer.Kind);
        Assert.Equal(DenialReason.Cooldown, answer.Reason);
        Assert.Contains(Start.AddSeconds(60).ToString("O"), answer.Detail);
        Assert.Empty(executor.Venue.Attempts(PositiveRef(For(identity, "s-2"))));
    }

    [Fact]
    public async Task Signal_is_accepted_again_once_the_cooldown_has_passed()
    {
        await using var executor = await Executor.StartAsync();
        var identity = Account("alice");
        await executor.SendAsync(For(identity, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.AdvanceToAsync(Start.AddSeconds(60));

        var answer = await executor.SendAsync(For(identity, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.Equal(Start.AddSeconds(120), answer.CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_survives_a_restart_and_resumes_from_its_absolute_expiry()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var executor = await Executor.StartAsync(redis: redis.ConnectionString);
        var identity = Account("alice");
        await executor.SendAsync(For(identity, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.AdvanceByAsync(TimeSpan.FromSeconds(40));

        await executor.RestartAsync();
        var during = await executor.SendAsync(For(identity, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.AdvanceToAsync(Start.AddSeconds(60));
        var after = await executor.SendAsync(For(identity, "s-3"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(DenialReason.Cooldown, during.Reason);
        Assert.Equal(Start.AddSeconds(60), during.CooldownUntil); // not restarted at the restart's time
        Assert.Equal(SignalAnswerKind.Executed, after.Kind);
    }
}
