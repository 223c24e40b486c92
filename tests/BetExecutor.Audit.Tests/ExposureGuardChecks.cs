using System.Text.Json;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests;

/// <summary>Audit category 4, exposure guard (7 checks). The exposure here is a hedge the venue refused for good.</summary>
public sealed class ExposureGuardChecks
{
    private static readonly Domain.Identities.Identity Liam = Account("liam");

    private static async Task<Simulation.ExecutorSimulation> WithUnhedgedExposureAsync()
    {
        var executor = await Executor.StartAsync();
        await executor.SendAsync(For(Liam, "s-1"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.RunUntilQuietAsync();
        return executor;
    }

    [Fact]
    public async Task Exposure_is_persisted_with_the_pair_identity_reason_and_both_legs()
    {
        await using var executor = await WithUnhedgedExposureAsync();

        var events = await JournalReader.ReadAsync(executor.Node.System, AccountActor.PersistenceIdFor(Liam));

        var exposure = Assert.Single(events.OfType<ExposureOpened>()).Exposure;
        Assert.Equal(("s-1", Liam.Key, ExposureReason.Unhedged), (exposure.PairId, exposure.IdentityKey, exposure.Reason));
        Assert.Equal((50m, 2.10m), (exposure.Positive.AcceptedStake, exposure.Positive.AcceptedOdds));
        Assert.NotNull(exposure.Positive.BetId);
        Assert.Null(exposure.Hedge.BetId);
        Assert.Equal(51.22m, exposure.Hedge.AskedStake);
    }

    [Fact]
    public async Task Exposure_expires_24_hours_after_it_was_raised_and_stays_in_the_history()
    {
        await using var executor = await WithUnhedgedExposureAsync();
        var exposure = (await executor.StatusAsync(Liam)).Exposures.Single();
        Assert.Equal(exposure.RaisedAt.AddHours(24), exposure.ExpiresAt);

        await executor.AdvanceToAsync(exposure.ExpiresAt);
        var nextDaysMatch = For(Liam, "s-2", kickOff: exposure.ExpiresAt.AddHours(6));
        var answer = await executor.SendAsync(nextDaysMatch, Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        var kept = (await executor.StatusAsync(Liam)).Exposures.Single(x => x.PairId == "s-1");
        Assert.Equal(ExposureStatus.Expired, kept.StatusAt(executor.Clock.UtcNow));
    }

    [Fact]
    public async Task Exposure_is_flagged_for_manual_review()
    {
        await using var executor = await WithUnhedgedExposureAsync();

        var exposure = (await executor.StatusAsync(Liam)).Exposures.Single();

        Assert.True(exposure.ManualReview);
        var stored = JsonSerializer.SerializeToElement(exposure, BetExecutorJsonSerializer.Options);
        Assert.True(stored.GetProperty("manualReview").GetBoolean());
    }

    [Fact]
    public async Task Exposure_disables_automatic_rebetting_of_the_pair()
    {
        await using var executor = await WithUnhedgedExposureAsync();
        var attemptsWhenRaised = executor.Venue.AllAttempts().Count;

        await executor.AdvanceByAsync(TimeSpan.FromHours(2));
        await executor.RunUntilQuietAsync();

        var exposure = (await executor.StatusAsync(Liam)).Exposures.Single();
        Assert.False(exposure.AutoRebet);
        Assert.False(JsonSerializer.SerializeToElement(exposure, BetExecutorJsonSerializer.Options).GetProperty("autoRebet").GetBoolean());
        Assert.Equal(attemptsWhenRaised, executor.Venue.AllAttempts().Count);
        Assert.Empty((await executor.StatusAsync(Liam)).PairsInFlight);
    }

    [Fact]
    public async Task Exposure_never_removes_or_shortens_the_cooldown()
    {
        await using var executor = await WithUnhedgedExposureAsync();
        var status = await executor.StatusAsync(Liam);
        Assert.Equal(Start.AddSeconds(60), status.CooldownUntil);

        await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand");
        var answer = await executor.SendAsync(For(Liam, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(DenialReason.Cooldown, answer.Reason);
        Assert.Equal(Start.AddSeconds(60), answer.CooldownUntil);
    }

    [Fact]
    public async Task Open_exposure_blocks_new_signals_for_the_identity()
    {
        await using var executor = await WithUnhedgedExposureAsync();
        await executor.AdvanceToAsync(Start.AddMinutes(2));

        var answer = await executor.SendAsync(For(Liam, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(DenialReason.ExposureOpen, answer.Reason);
        Assert.Contains("s-1", answer.Detail);
        Assert.Empty(executor.Venue.Attempts(PositiveRef(For(Liam, "s-2"))));
    }

    [Fact]
    public async Task Operator_resolution_is_recorded_with_its_reason_and_unblocks_the_identity()
    {
        await using var executor = await WithUnhedgedExposureAsync();
        await executor.AdvanceToAsync(Start.AddMinutes(2));

        var resolved = await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand on the exchange", "ops-anna");
        var answer = await executor.SendAsync(For(Liam, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.IsType<OperatorAnswer.Done>(resolved);
        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        var events = await JournalReader.ReadAsync(executor.Node.System, AccountActor.PersistenceIdFor(Liam));
        var resolution = Assert.Single(events.OfType<ExposureResolved>());
        Assert.Equal(("s-1", "hedged by hand on the exchange", "ops-anna"), (resolution.PairId, resolution.Reason, resolution.ResolvedBy));
        Assert.Single(events.OfType<ExposureOpened>()); // the exposure itself is never deleted
    }
}
