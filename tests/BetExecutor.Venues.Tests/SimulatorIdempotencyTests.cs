using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class SimulatorIdempotencyTests
{
    [Fact]
    public async Task Placing_the_same_reference_twice_holds_one_bet_and_answers_with_the_same_bet_id()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept"));

        var first = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));
        var second = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(first.Bet, second.Bet);
        Assert.Single(venue.Held(reference));
        Assert.Equal(2, venue.Attempts(reference).Count);
    }

    [Fact]
    public async Task A_retry_after_a_timeout_that_placed_is_answered_with_the_bet_already_held()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("timeout-placed"));

        Assert.IsType<PlacementResult.Unknown>(await venue.PlaceAsync(Request(reference)));
        var retry = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(Assert.Single(venue.Held(reference)).BetId, retry.Bet.BetId);
    }

    [Fact]
    public async Task A_held_reference_is_answered_with_its_bet_whatever_the_script_now_says()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept"));
        var first = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        venue.Script(reference, Script("reject:MARKET_CLOSED"));
        var repeat = await venue.PlaceAsync(Request(reference));

        Assert.Equal(first, repeat);
        Assert.Single(venue.Held(reference));
    }

    [Fact]
    public async Task A_rejected_attempt_holds_nothing_so_a_later_attempt_may_be_taken()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("reject:PRICE_CHANGED"));
        await venue.PlaceAsync(Request(reference));

        venue.Script(reference, Script("accept"));
        var later = await venue.PlaceAsync(Request(reference));

        Assert.IsType<PlacementResult.Accepted>(later);
        Assert.Single(venue.Held(reference));
    }

    [Fact]
    public async Task A_not_placed_attempt_holds_nothing_so_a_later_attempt_may_be_taken()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("timeout-not-placed"));
        await venue.PlaceAsync(Request(reference));

        venue.Script(reference, Script("accept"));

        Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));
        Assert.Single(venue.Held(reference));
    }

    [Fact]
    public async Task The_same_reference_under_two_accounts_is_two_bets_because_idempotency_is_per_login()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1);

        var alices = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference, Alice)));
        var bobs = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference, Bob)));

        Assert.NotEqual(alices.Bet.BetId, bobs.Bet.BetId);
        Assert.Equal(2, venue.Held(reference).Count);
    }

    [Fact]
    public async Task Concurrent_placements_of_one_reference_hold_one_bet_and_all_get_its_id()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => venue.PlaceAsync(Request(reference)))));

        var held = Assert.Single(venue.Held(reference));
        Assert.All(answers, a => Assert.Equal(held.BetId, Assert.IsType<PlacementResult.Accepted>(a).Bet.BetId));
        Assert.Equal(64, venue.Attempts(reference).Count);
    }
}
