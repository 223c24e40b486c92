using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

/// <summary>
/// The simulator keeps each reference's bets and attempts in an index of their own (so a scenario of thousands of
/// signals costs the same per signal): what one reference reads must be exactly the whole book filtered to it.
/// </summary>
public class SimulatorBookIndexTests
{
    [Fact]
    public async Task Bets_and_attempts_of_one_reference_are_the_whole_book_filtered_to_it_in_the_order_taken()
    {
        var clock = Clock();
        var venue = new VenueSimulator(clock, seed: 3);
        var references = Enumerable.Range(0, 40).Select(i => Reference($"pair-{i}", i % 2 == 0 ? LegKind.Positive : LegKind.Hedge)).ToArray();
        var random = new Random(11);
        for (var step = 0; step < 400; step++)
        {
            var reference = references[random.Next(references.Length)];
            var account = random.Next(2) == 0 ? Alice : Bob;
            switch (random.Next(4))
            {
                case 0:
                    venue.Script(reference, Script(random.Next(3) == 0 ? "reject:PRICE_CHANGED" : "accept", (SettlementState)random.Next(3), TimeSpan.FromSeconds(random.Next(3))));
                    break;
                default:
                    await venue.PlaceAsync(Request(reference, account));
                    break;
            }
            clock.Advance(TimeSpan.FromMilliseconds(700));
        }

        var book = venue.Book();
        var attempts = venue.AllAttempts();
        Assert.Contains(book, b => b.Account == Bob);
        Assert.Contains(references, r => book.Count(b => b.ClientReference == r) == 2);
        foreach (var reference in references)
        {
            Assert.Equal(book.Where(b => b.ClientReference == reference), venue.Held(reference));
            Assert.Equal(attempts.Where(a => a.Request.ClientReference == reference), venue.Attempts(reference));
        }
        Assert.Equal(book.Count, references.Sum(r => venue.Held(r).Count));
        Assert.Equal(attempts.Count, references.Sum(r => venue.Attempts(r).Count));
    }

    [Fact]
    public async Task Scripting_a_reference_again_changes_how_its_bets_settle_for_every_account_holding_it_and_no_other()
    {
        var clock = Clock();
        var reference = Reference("pair-1");
        var other = Reference("pair-2");
        var venue = Scripted(reference, Script("accept", SettlementState.Pending), clock);
        venue.Script(other, Script("accept", SettlementState.Pending));
        await venue.PlaceAsync(Request(reference, Alice));
        await venue.PlaceAsync(Request(reference, Bob));
        await venue.PlaceAsync(Request(other, Alice));

        venue.Script(reference, Script("accept", SettlementState.Won, TimeSpan.FromMinutes(5)));

        Assert.All(venue.Held(reference), b => Assert.Equal(SettlementState.Won, b.Settlement));
        Assert.Equal([Alice, Bob], venue.Held(reference).Select(b => b.Account));
        Assert.Equal(SettlementState.Pending, Assert.Single(venue.Held(other)).Settlement);
        // The bet taken before the new script stays placed but shows only once the new visibility delay has passed.
        var lookup = await venue.FindByClientReferenceAsync(Alice, reference);
        Assert.IsType<LookupResult.NotFound>(lookup);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<LookupResult.Found>(await venue.FindByClientReferenceAsync(Bob, reference));
    }

    [Fact]
    public void A_reference_never_placed_has_no_bets_and_no_attempts()
    {
        var venue = new VenueSimulator(Clock(), seed: 1);
        venue.Script(Reference(), Script("accept"));

        Assert.Empty(venue.Held(Reference()));
        Assert.Empty(venue.Attempts(Reference()));
    }
}
