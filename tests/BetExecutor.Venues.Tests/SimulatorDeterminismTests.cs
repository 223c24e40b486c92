using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

public class SimulatorDeterminismTests
{
    private static readonly FaultProfile Faulty = new()
    {
        RejectPermanent = 0.1, RejectTransient = 0.1, TimeoutPlaced = 0.1, TimeoutNotPlaced = 0.1, ServerError = 0.1,
        MovedOdds = 0.3, StakeCut = 0.3, LateVisibility = 0.3,
    };

    private static readonly ClientReference[] References =
        Enumerable.Range(0, 200).Select(i => Reference($"pair-{i}", i % 2 == 0 ? LegKind.Positive : LegKind.Hedge)).ToArray();

    /// <summary>Places every reference twice (a retry), in the given order, and returns the venue.</summary>
    private static async Task<VenueSimulator> Run(int seed, IEnumerable<ClientReference> order)
    {
        var venue = new VenueSimulator(Clock(), seed, faults: Faulty);
        foreach (var reference in order)
        {
            await venue.PlaceAsync(Request(reference));
            await venue.PlaceAsync(Request(reference));
        }
        return venue;
    }

    [Fact]
    public async Task Two_simulators_with_the_same_seed_and_calls_give_identical_answers_and_books()
    {
        var first = await Run(seed: 42, References);
        var second = await Run(seed: 42, References);

        Assert.Equal(first.AllAttempts(), second.AllAttempts());
        Assert.Equal(first.Book(), second.Book());
    }

    [Fact]
    public async Task Different_seeds_give_different_fault_draws()
    {
        var first = await Run(seed: 42, References);
        var second = await Run(seed: 43, References);

        Assert.NotEqual(first.AllAttempts().Select(a => a.Answer), second.AllAttempts().Select(a => a.Answer));
    }

    [Fact]
    public async Task Each_leg_gets_the_same_fate_whatever_order_the_legs_arrive_in()
    {
        var forwards = await Run(seed: 42, References);
        var backwards = await Run(seed: 42, References.Reverse());

        foreach (var reference in References)
        {
            Assert.Equal(forwards.Attempts(reference).Select(a => a.Answer), backwards.Attempts(reference).Select(a => a.Answer));
            Assert.Equal(forwards.Held(reference), backwards.Held(reference));
        }
    }

    [Fact]
    public async Task Scripted_bet_ids_repeat_with_the_seed_and_change_with_it()
    {
        var reference = Reference();

        var idFor = async (int seed) =>
        {
            var venue = new VenueSimulator(Clock(), seed);
            return Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference))).Bet.BetId;
        };

        Assert.Equal(await idFor(7), await idFor(7));
        Assert.NotEqual(await idFor(7), await idFor(8));
        Assert.StartsWith("sim-", await idFor(7));
    }
}
