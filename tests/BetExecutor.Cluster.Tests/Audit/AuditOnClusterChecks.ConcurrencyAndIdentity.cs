using BetExecutor.Cluster.Tests.Audit.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Cluster.Tests.Audit;

/// <summary>
/// Audit category 5, concurrency and identity (3 checks): identities that differ in any one part share nothing, and
/// run side by side. In-process the blocked identity is also halted by an operator; the cluster has no operator API
/// yet, so here it is blocked by what it did itself: its cooldown, then an exposure.
/// </summary>
public sealed partial class AuditOnClusterChecks
{
    private async Task AssertIsolatedAsync(Identity blocked, Identity neighbour)
    {
        // The same signal id for both: signal ids are unique per identity only.
        var first = new AuditSignal("s-1", blocked);
        var neighbours = new AuditSignal("s-1", neighbour);
        // Both accounts are up (their shard allocated, its lease taken, their history read) before the race, so what
        // is measured below is the identities' independence, not how long a first message takes to reach a new shard.
        await _cluster.WakeAsync(first);
        await _cluster.WakeAsync(neighbours);
        // The blocked identity's hedge answer is lost (timeout-placed): its pair holds the identity's executing slot
        // until the placement timeout has passed and a lookup found the hedge. Then both legs win: a both-won exposure.
        await _cluster.ScriptAsync(first, hedge: "timeout-placed", hedgeSettles: SettlementState.Won);
        await _cluster.ScriptAsync(neighbours);

        var blockedAnswer = await _cluster.ExecuteAsync(first);
        var neighbourAnswer = await _cluster.ExecuteAsync(neighbours); // not a duplicate, not "pair executing"
        var blockedFinal = await _cluster.FinalAsync(first);
        Assert.Equal(PairStanding.Settled.Code(), (await _cluster.FinalAsync(neighbours)).PairState);
        Assert.Equal((PairStanding.Exposure.Code(), ExposureReason.BothWon.Code()), (blockedFinal.PairState, blockedFinal.ExposureReason));

        // Side by side, from what the nodes stored and the venue holds: the neighbour's signal was accepted, and both its
        // legs taken, while the blocked identity's pair still held its executing slot (freed when its hedge was recorded).
        var slotFreed = (await _cluster.Journal.AccountAsync(blocked)).Single(e => e.Manifest == "account.pair-hedged.v1").Instant("meta.at");
        var neighbourAccepted = (await _cluster.Journal.AccountAsync(neighbour)).Single(e => e.Manifest == "account.signal-accepted.v1").Instant("meta.at");
        var book = await _cluster.BookAsync();
        var neighbourHedged = book.Bet(neighbours.HedgeReference)!.PlacedAt;
        Assert.True(neighbourAccepted < slotFreed && neighbourHedged < slotFreed,
            $"{neighbours} accepted {neighbourAccepted:O}, hedge taken {neighbourHedged:O}; {first} executed until {slotFreed:O}: they did not overlap");
        _cluster.Print($"{neighbours} hedged {(slotFreed - neighbourHedged).TotalSeconds:0.000} s before {first} freed its executing slot");

        // Each is refused for its own reason only: the neighbour hears its own cooldown, never the other's exposure
        // (an open exposure is checked before the cooldown, so a shared one would show).
        var blockedAgain = await _cluster.SendAsync(new AuditSignal("s-2", blocked));
        var neighbourAgain = await _cluster.SendAsync(new AuditSignal("s-2", neighbour));
        Assert.Equal(DenialReason.ExposureOpen.Code(), blockedAgain.Reason);
        Assert.Equal((DenialReason.Cooldown.Code(), neighbourAnswer.CooldownUntil), (neighbourAgain.Reason, neighbourAgain.CooldownUntil));
        Assert.NotEqual(blockedAnswer.CooldownUntil, neighbourAnswer.CooldownUntil);

        book = await _cluster.BookAsync();
        Assert.NotEqual(first.PositiveReference, neighbours.PositiveReference);
        foreach (var leg in new[] { first.PositiveReference, first.HedgeReference, neighbours.PositiveReference, neighbours.HedgeReference })
            Assert.True(book.Requests(leg) == 1, $"{leg}: {book.Requests(leg)} requests");
        _cluster.Passed();
    }

    [Fact]
    public Task Accounts_on_one_whitelabel_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie", "iso-accounts", "alice"), Identity.Create("bookie", "iso-accounts", "bob"));

    [Fact]
    public Task Whitelabels_on_one_provider_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie", "iso-brand1", "carol"), Identity.Create("bookie", "iso-brand2", "carol"));

    [Fact]
    public Task Providers_are_isolated() =>
        AssertIsolatedAsync(Identity.Create("bookie-iso", "brand1", "dave"), Identity.Create("other-iso", "brand1", "dave"));
}
