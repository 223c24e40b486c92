using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class SimulatorVisibilityTests
{
    [Fact]
    public async Task A_bet_is_not_found_until_its_visibility_delay_has_passed_on_the_clock()
    {
        var clock = Clock();
        var reference = Reference();
        var venue = Scripted(reference, Script("timeout-placed", visibleAfter: TimeSpan.FromSeconds(5)), clock);
        await venue.PlaceAsync(Request(reference));

        clock.Advance(TimeSpan.FromSeconds(4.999));
        Assert.IsType<LookupResult.NotFound>(await venue.FindByClientReferenceAsync(Alice, reference));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var found = Assert.IsType<LookupResult.Found>(await venue.FindByClientReferenceAsync(Alice, reference));
        Assert.Equal(Assert.Single(venue.Held(reference)).AsAccepted(), found.Bet);
    }

    [Fact]
    public async Task A_bet_with_no_delay_is_found_at_once()
    {
        var reference = Reference();
        var venue = Scripted(reference, Script("accept-at:3.5"));
        await venue.PlaceAsync(Request(reference));

        var found = Assert.IsType<LookupResult.Found>(await venue.FindByClientReferenceAsync(Alice, reference));

        Assert.Equal(3.5m, found.Bet.Odds);
    }

    [Fact]
    public async Task A_reference_never_taken_is_not_found()
    {
        var venue = new VenueSimulator(Clock(), seed: 1);

        Assert.IsType<LookupResult.NotFound>(await venue.FindByClientReferenceAsync(Alice, Reference()));
    }

    [Fact]
    public async Task Another_account_does_not_find_a_bet_it_did_not_place()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1);
        await venue.PlaceAsync(Request(reference, Alice));

        Assert.IsType<LookupResult.NotFound>(await venue.FindByClientReferenceAsync(Bob, reference));
    }
}
