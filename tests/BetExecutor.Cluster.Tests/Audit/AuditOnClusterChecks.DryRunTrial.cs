using System.Net;
using BetExecutor.Cluster.Tests.Audit.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Cluster.Tests.Audit;

/// <summary>Audit category 1, dry-run trial (6 checks): bet execution safety, against the venue simulator process.</summary>
public sealed partial class AuditOnClusterChecks
{
    [Fact]
    public async Task Positive_leg_is_placed_before_the_hedge()
    {
        // The positive's answer is lost (timeout-placed): the venue holds the bet but the executor learns it only by a
        // lookup after the placement timeout. Positive first means the hedge waits for that, not merely that it is sent second.
        var signal = new AuditSignal("s-1", AuditSignal.Account("trial-order"));
        await _cluster.ScriptAsync(signal, positive: "timeout-placed");

        await _cluster.ExecuteAsync(signal);
        var final = await _cluster.FinalAsync(signal);

        var book = await _cluster.BookAsync();
        Assert.Equal(PairStanding.Settled.Code(), final.PairState);
        Assert.Equal((1, 1), (book.Requests(signal.PositiveReference), book.Requests(signal.HedgeReference)));
        Assert.True(book.Lookups(signal.PositiveReference) >= 1, "the lost positive answer was never looked up");
        // The pair's stored events: the positive's outcome unknown, then its acceptance (found by the lookup), and only
        // then the hedge's intent; the venue took the hedge after that acceptance was recorded.
        var events = await _cluster.Journal.PairAsync(signal.Identity, signal.SignalId);
        var order = new[] { "pair.positive-outcome-unknown.v1", "pair.positive-accepted.v1", "pair.hedge-intent-recorded.v1" }
            .Select(m => events.ToList().FindIndex(e => e.Manifest == m)).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), $"stored events out of order: {string.Join(", ", events.Select(e => e.Manifest))}");
        var positiveConfirmed = events.Single(e => e.Manifest == "pair.positive-accepted.v1").Instant("meta.at");
        Assert.True(book.Bet(signal.HedgeReference)!.PlacedAt > positiveConfirmed,
            $"hedge taken at {book.Bet(signal.HedgeReference)!.PlacedAt:O}, before the positive was confirmed at {positiveConfirmed:O}");
        _cluster.Passed();
    }

    [Fact]
    public async Task Hedge_is_blocked_when_the_positive_is_rejected()
    {
        var signal = new AuditSignal("s-1", AuditSignal.Account("trial-rejected"));
        await _cluster.ScriptAsync(signal, positive: "reject:INSUFFICIENT_FUNDS", positiveSettles: SettlementState.Pending);

        await _cluster.ExecuteAsync(signal);
        var final = await _cluster.FinalAsync(signal);

        var book = await _cluster.BookAsync();
        Assert.Equal(PairStanding.NothingStands.Code(), final.PairState);
        Assert.Equal(NothingStandsReason.PositiveRejectedPermanently.Code(), final.Outcome);
        Assert.Equal(1, book.Requests(signal.PositiveReference)); // a permanent refusal is not retried
        Assert.False(book.Holds(signal.PositiveReference));
        Assert.Equal(0, book.Requests(signal.HedgeReference));
        _cluster.Passed();
    }

    [Fact]
    public async Task Accepted_outcome_runs_the_pair_to_settlement()
    {
        var signal = new AuditSignal("s-1", AuditSignal.Account("trial-accepted"));
        await _cluster.ScriptAsync(signal);

        await _cluster.ExecuteAsync(signal);
        var final = await _cluster.FinalAsync(signal);

        var book = await _cluster.BookAsync();
        Assert.Equal((PairStanding.Settled.Code(), PairOutcome.Settled.StableCode), (final.PairState, final.Outcome));
        Assert.Equal((1, 1), (book.Attempts(signal.PositiveReference), book.Attempts(signal.HedgeReference)));
        Assert.True(book.Holds(signal.PositiveReference) && book.Holds(signal.HedgeReference), book.Legs(signal));
        _cluster.Passed();
    }

    [Fact]
    public async Task Error_outcome_is_resolved_by_lookup_and_never_sent_again()
    {
        // The venue answers the positive with a server error and takes nothing: the outcome is unknown, so it is looked
        // up through the unknown window (3 s here) and the pair ends with nothing standing; it is never sent twice.
        var signal = new AuditSignal("s-1", AuditSignal.Account("trial-error"));
        await _cluster.ScriptAsync(signal, positive: "error", positiveSettles: SettlementState.Pending);

        await _cluster.ExecuteAsync(signal);
        var final = await _cluster.FinalAsync(signal);

        var book = await _cluster.BookAsync();
        Assert.Equal(PairStanding.NothingStands.Code(), final.PairState);
        Assert.Equal(NothingStandsReason.PositiveNotFound.Code(), final.Outcome);
        Assert.Equal(1, book.Requests(signal.PositiveReference));
        Assert.True(book.Lookups(signal.PositiveReference) >= 1, "the unknown positive was never looked up");
        Assert.Equal(0, book.Requests(signal.HedgeReference));
        _cluster.Passed();
    }

    [Fact]
    public async Task Hedge_is_sized_from_the_stake_and_odds_the_positive_was_accepted_at()
    {
        var signal = new AuditSignal("s-1", AuditSignal.Account("trial-sizing"), Stake: 50m, Odds: 2.10m, HedgeOdds: 2.05m);
        await _cluster.ScriptAsync(signal, positive: "accept-at:2.00", positiveSettles: SettlementState.Lost, hedgeSettles: SettlementState.Won);

        await _cluster.ExecuteAsync(signal);
        await _cluster.FinalAsync(signal);

        var book = await _cluster.BookAsync();
        Assert.Equal(2.00m, book.Bet(signal.PositiveReference)!.Odds);
        var hedge = book.Bet(signal.HedgeReference)!;
        Assert.Equal(48.78m, hedge.Stake); // 50 × 2.00 ÷ 2.05 = 48.780…, to the cent; not 50 × 2.10 ÷ 2.05 = 51.22
        Assert.Equal(2.05m, hedge.Odds);
        _cluster.Passed();
    }

    [Fact]
    public async Task Invalid_signal_is_rejected_naming_the_field_and_places_nothing()
    {
        // On the cluster the gateway reads the body with the same parser and rules as every ingress, so an invalid signal
        // is refused there (400 naming the field) before any account sees it: it takes no cooldown and is not recorded.
        var identity = AuditSignal.Account("trial-invalid");
        var invalid = new AuditSignal("s-1", identity, Stake: -5m);

        var refused = await _cluster.Gateway.PostOnceAsync(invalid);

        Assert.Equal(400, refused.Status);
        Assert.Contains("positive.stake", refused.ErrorFields);
        Assert.Equal(HttpStatusCode.NotFound, (await _cluster.Gateway.GetAsync(invalid)).Status);
        await _cluster.ScriptAsync(new AuditSignal("s-2", identity));
        var next = await _cluster.SendAsync(new AuditSignal("s-2", identity));
        Assert.Equal("executed", next.Decision); // no cooldown was started by the refused signal
        var book = await _cluster.BookAsync();
        Assert.Equal((0, 0), (book.Requests(invalid.PositiveReference), book.Requests(invalid.HedgeReference)));
        _cluster.Passed();
    }
}
