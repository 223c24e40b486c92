using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class SimulatorPlacementTests
{
    [Fact]
    public async Task Accept_takes_the_bet_at_the_asked_stake_and_odds()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept"));

        var answer = await venue.PlaceAsync(Request(reference));

        var accepted = Assert.IsType<PlacementResult.Accepted>(answer);
        Assert.Equal(AskedStake, accepted.Bet.Stake);
        Assert.Equal(AskedOdds, accepted.Bet.Odds);
        var held = Assert.Single(venue.Held(reference));
        Assert.Equal(accepted.Bet.BetId, held.BetId);
    }

    [Theory]
    [InlineData("accept-more:100", 100)]
    [InlineData("accept-more:1e26", 1e26)]
    public async Task Accept_more_claims_a_multiple_of_the_asked_stake_and_holds_that_bet(string place, double factor)
    {
        var reference = Reference();
        var venue = Scripted(reference, Script(place));

        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(AskedStake * (decimal)factor, accepted.Bet.Stake);
        Assert.Equal(AskedOdds, accepted.Bet.Odds);
        var held = Assert.Single(venue.Held(reference));
        Assert.Equal((accepted.Bet.Stake, AskedStake), (held.Stake, held.AskedStake));
    }

    [Fact]
    public async Task Accept_at_takes_the_bet_at_the_scripted_odds_and_the_asked_stake()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept-at:1.95"));

        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(1.95m, accepted.Bet.Odds);
        Assert.Equal(AskedStake, accepted.Bet.Stake);
        Assert.Equal(AskedOdds, Assert.Single(venue.Held(reference)).AskedOdds);
    }

    [Theory]
    [InlineData(RejectionCodes.MarketClosed, true)]
    [InlineData(RejectionCodes.InsufficientFunds, true)]
    [InlineData("SOMETHING_NEW", true)]
    [InlineData(RejectionCodes.PriceChanged, false)]
    [InlineData(RejectionCodes.RateLimited, false)]
    public async Task Reject_refuses_with_the_code_classified_and_holds_nothing(string code, bool permanent)
    {
        var reference = Reference();
        var venue = Scripted(reference, Script($"reject:{code}"));

        var rejected = Assert.IsType<PlacementResult.Rejected>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(code, rejected.Code);
        Assert.Equal(permanent, rejected.Permanent);
        Assert.Empty(venue.Held(reference));
    }

    [Fact]
    public async Task Timeout_placed_answers_unknown_but_the_venue_holds_the_bet()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("timeout-placed"));

        Assert.IsType<PlacementResult.Unknown>(await venue.PlaceAsync(Request(reference)));

        var held = Assert.Single(venue.Held(reference));
        Assert.Equal(AskedStake, held.Stake);
        Assert.IsType<LookupResult.Found>(await venue.FindByClientReferenceAsync(Alice, reference));
    }

    [Theory]
    [InlineData("timeout-not-placed")]
    [InlineData("error")]
    public async Task Timeout_not_placed_and_error_answer_unknown_and_hold_nothing(string place)
    {
        var reference = Reference();
        var venue = Scripted(reference, Script(place));

        Assert.IsType<PlacementResult.Unknown>(await venue.PlaceAsync(Request(reference)));

        Assert.Empty(venue.Held(reference));
        Assert.IsType<LookupResult.NotFound>(await venue.FindByClientReferenceAsync(Alice, reference));
    }

    [Fact]
    public async Task Both_timeouts_read_the_same_so_the_client_cannot_tell_whether_the_bet_was_taken()
    {
        var placed = Reference("pair-1");
        var notPlaced = Reference("pair-2");
        var venue = new VenueSimulator(Clock(), seed: 1);
        venue.Script(placed, Script("timeout-placed"));
        venue.Script(notPlaced, Script("timeout-not-placed"));

        var first = await venue.PlaceAsync(Request(placed));
        var second = await venue.PlaceAsync(Request(notPlaced));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Every_attempt_of_a_rejected_leg_is_answered_the_same_way_and_counted()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("reject:RATE_LIMITED"));

        for (var i = 0; i < 3; i++) await venue.PlaceAsync(Request(reference));

        var attempts = venue.Attempts(reference);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(new PlacementResult.Rejected(RejectionCodes.RateLimited, false), a.Answer));
        Assert.Empty(venue.Held(reference));
    }

    [Fact]
    public async Task An_unscripted_reference_is_accepted_and_stays_pending_by_default()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1);

        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public async Task An_unscripted_reference_follows_the_configured_default_script()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1, defaultScript: Script("reject:MARKET_CLOSED"));

        var rejected = Assert.IsType<PlacementResult.Rejected>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(RejectionCodes.MarketClosed, rejected.Code);
    }

    [Fact]
    public async Task The_book_records_who_placed_what_and_when()
    {
        var clock = Clock();
        var reference = Reference();
        var venue = Scripted(reference, Script("accept"), clock);
        clock.Advance(TimeSpan.FromSeconds(7));

        await venue.PlaceAsync(Request(reference, Bob));

        var held = Assert.Single(venue.Book());
        Assert.Equal(Bob, held.Account);
        Assert.Equal(reference, held.ClientReference);
        Assert.Equal(("event-1", "match-odds", "home", "EUR"), (held.EventId, held.Market, held.Selection, held.Currency));
        Assert.Equal(clock.GetUtcNow(), held.PlacedAt);
        Assert.Equal(clock.GetUtcNow(), Assert.Single(venue.AllAttempts()).ReceivedAt);
    }

    [Fact]
    public async Task A_cancelled_placement_is_not_received_by_the_venue()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => venue.PlaceAsync(Request(reference), new CancellationToken(canceled: true)));

        Assert.Empty(venue.Attempts(reference));
        Assert.Empty(venue.Book());
    }

    [Fact]
    public void A_default_script_and_a_fault_profile_together_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new VenueSimulator(Clock(), seed: 1, LegScript.AcceptAndStayPending, new FaultProfile()));

        Assert.Contains("not both", error.Message);
    }
}
