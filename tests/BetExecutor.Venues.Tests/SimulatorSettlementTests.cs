using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class SimulatorSettlementTests
{
    [Theory]
    [InlineData(SettlementState.Won)]
    [InlineData(SettlementState.Lost)]
    [InlineData(SettlementState.Void)]
    [InlineData(SettlementState.HalfWon)]
    [InlineData(SettlementState.HalfLost)]
    public async Task A_held_bet_settles_as_its_script_says(SettlementState settle)
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept", settle));
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        var result = await venue.GetSettlementAsync(Alice, accepted.Bet.BetId);

        Assert.Equal(new SettlementResult.Known(settle), result);
    }

    [Fact]
    public async Task A_bet_scripted_pending_never_settles()
    {
        var clock = Clock();
        var reference = Reference();
        var venue = Scripted(reference, Script("accept", SettlementState.Pending), clock);
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public async Task An_unknown_bet_id_is_pending_not_lost()
    {
        var venue = new VenueSimulator(Clock(), seed: 1);

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Alice, "sim-nobody-placed-this"));
    }

    [Fact]
    public async Task A_bet_id_asked_for_by_another_account_is_pending_for_that_account()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept", SettlementState.Lost));
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference, Alice)));

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Bob, accepted.Bet.BetId));
    }

    [Fact]
    public async Task A_bet_that_does_not_show_yet_is_pending_until_it_shows()
    {
        var clock = Clock();
        var reference = Reference();
        var venue = Scripted(reference, Script("accept", SettlementState.Won, TimeSpan.FromSeconds(3)), clock);
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new SettlementResult.Known(SettlementState.Won), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public async Task Rescripting_a_held_leg_lets_a_pending_bet_settle_later_without_changing_its_price()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept-at:2.4", SettlementState.Pending));
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));

        venue.Script(reference, Script("accept", SettlementState.HalfWon));

        Assert.Equal(new SettlementResult.Known(SettlementState.HalfWon), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
        var held = Assert.Single(venue.Held(reference));
        Assert.Equal((accepted.Bet.BetId, 2.4m, SettlementState.HalfWon), (held.BetId, held.Odds, held.Settlement));
    }
}
