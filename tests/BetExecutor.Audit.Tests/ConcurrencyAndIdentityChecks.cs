using BetExecutor.Actors.Accounts;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests;

/// <summary>
/// Audit category 5, concurrency and identity (3 checks): identities that differ in any one part share nothing.
/// Each check puts one identity in cooldown with an open exposure and shows its neighbour unaffected.
/// </summary>
public sealed class ConcurrencyAndIdentityChecks
{
    private static async Task AssertIsolatedAsync(Identity blocked, Identity neighbour)
    {
        await using var executor = await Executor.StartAsync();
        await executor.SendAsync(For(blocked, "s-1"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.RunUntilQuietAsync();
        await executor.HaltAsync(blocked, "isolation check");

        var blockedAgain = await executor.SendAsync(For(blocked, "s-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        var neighbourFirst = await executor.SendAsync(For(neighbour, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));

        Assert.Equal(SignalAnswerKind.Rejected, blockedAgain.Kind);
        Assert.Equal(SignalAnswerKind.Executed, neighbourFirst.Kind); // same signal id, other identity: not a duplicate
        var status = await executor.StatusAsync(neighbour);
        Assert.Null(status.Halt);
        Assert.Empty(status.Exposures);
        Assert.NotEqual(PositiveRef(For(blocked, "s-1")), PositiveRef(For(neighbour, "s-1")));
    }

    [Fact]
    public Task Accounts_on_one_whitelabel_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie", "brand1", "alice"), Identity.Create("bookie", "brand1", "bob"));

    [Fact]
    public Task Whitelabels_on_one_provider_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie", "brand1", "alice"), Identity.Create("bookie", "brand2", "alice"));

    [Fact]
    public Task Providers_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie", "brand1", "alice"), Identity.Create("other", "brand1", "alice"));
}
