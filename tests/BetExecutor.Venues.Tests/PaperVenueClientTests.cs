using BetExecutor.Venues.Paper;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class PaperVenueClientTests
{
    [Fact]
    public async Task A_paper_placement_is_accepted_at_the_asked_stake_and_odds_with_a_paper_bet_id()
    {
        var paper = new PaperVenueClient();

        var accepted = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference())));

        Assert.StartsWith("paper-", accepted.Bet.BetId);
        Assert.Equal((AskedStake, AskedOdds), (accepted.Bet.Stake, accepted.Bet.Odds));
    }

    [Fact]
    public async Task Placing_the_same_reference_twice_answers_with_the_same_paper_bet()
    {
        var paper = new PaperVenueClient();

        var first = await paper.PlaceAsync(Request(Reference()));
        var second = await paper.PlaceAsync(Request(Reference()) with { Stake = 999m });

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Different_legs_get_different_paper_bets()
    {
        var paper = new PaperVenueClient();

        var positive = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference("p", LegKind.Positive))));
        var hedge = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference("p", LegKind.Hedge))));
        var bobs = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference("p", LegKind.Positive), Bob)));

        Assert.Equal(3, new[] { positive.Bet.BetId, hedge.Bet.BetId, bobs.Bet.BetId }.Distinct().Count());
    }

    [Fact]
    public async Task A_paper_bet_is_found_by_reference_at_once()
    {
        var paper = new PaperVenueClient();
        var accepted = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference())));

        var found = Assert.IsType<LookupResult.Found>(await paper.FindByClientReferenceAsync(Alice, Reference()));

        Assert.Equal(accepted.Bet, found.Bet);
    }

    [Fact]
    public async Task A_reference_never_placed_on_paper_is_not_found()
    {
        var paper = new PaperVenueClient();
        await paper.PlaceAsync(Request(Reference(), Alice));

        Assert.IsType<LookupResult.NotFound>(await paper.FindByClientReferenceAsync(Alice, Reference("other")));
        Assert.IsType<LookupResult.NotFound>(await paper.FindByClientReferenceAsync(Bob, Reference()));
    }

    [Fact]
    public async Task Every_paper_bet_settles_void_so_no_money_moves()
    {
        var paper = new PaperVenueClient();
        var accepted = Assert.IsType<PlacementResult.Accepted>(await paper.PlaceAsync(Request(Reference())));

        Assert.Equal(new SettlementResult.Known(SettlementState.Void), await paper.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public async Task A_paper_bet_placed_by_another_process_still_settles_void()
    {
        var beforeRestart = new PaperVenueClient();
        var accepted = Assert.IsType<PlacementResult.Accepted>(await beforeRestart.PlaceAsync(Request(Reference())));
        var afterRestart = new PaperVenueClient();

        Assert.Equal(new SettlementResult.Known(SettlementState.Void), await afterRestart.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public async Task A_bet_id_that_is_not_a_paper_bet_is_pending_not_void()
    {
        var paper = new PaperVenueClient();

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await paper.GetSettlementAsync(Alice, "sim-0000000000000001"));
    }
}
