using BetExecutor.Venues.Simulator;

namespace BetExecutor.Venue.Tests;

public sealed class HttpFaultTests
{
    [Fact]
    public async Task A_rate_limit_fault_answers_429_before_the_venue_sees_the_request()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            HttpFaults = new HttpFaultProfile { RateLimited = 1.0 },
        });
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();

        var placed = await client.PlaceAsync(Request(reference));

        Assert.Equal(new PlacementResult.Rejected(RejectionCodes.RateLimited, Permanent: false), placed);
        var book = await control.GetBookAsync();
        Assert.Empty(book.Bets);
        Assert.Equal((1, 0), (Assert.Single(book.References).Requests, book.References[0].Attempts));
    }

    [Fact]
    public async Task A_pending_acceptance_is_unknown_to_placement_and_lookup_until_its_delay_passes_on_the_venue_clock()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            VirtualStart = Start,
            HttpFaults = new HttpFaultProfile { PendingAcceptance = 1.0, PendingAcceptanceDelay = TimeSpan.FromSeconds(5) },
        });
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();

        var placed = await client.PlaceAsync(Request(reference));
        var repeated = await client.PlaceAsync(Request(reference));
        var whilePending = await client.FindByClientReferenceAsync(Account, reference);
        await control.SetClockAsync(Start.AddSeconds(5));
        var afterwards = await client.FindByClientReferenceAsync(Account, reference);
        var repeatedAfterwards = await client.PlaceAsync(Request(reference));

        Assert.StartsWith("pending acceptance", Assert.IsType<PlacementResult.Unknown>(placed).Reason, StringComparison.Ordinal);
        Assert.IsType<PlacementResult.Unknown>(repeated);
        // Pending is neither found nor absent: NotFound could let the executor decide the bet was never placed.
        Assert.Contains("pending acceptance", Assert.IsType<LookupResult.Failed>(whilePending).Reason);
        var held = Assert.Single(server.Simulator.Held(reference)).AsAccepted();
        Assert.Equal(new LookupResult.Found(held), afterwards);
        Assert.Equal(new PlacementResult.Accepted(held), repeatedAfterwards);
    }

    [Fact]
    public async Task Stake_cuts_and_odds_moves_of_the_venues_fault_profile_arrive_as_accepted_for_less_at_other_odds()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            Seed = 11,
            Faults = new FaultProfile { StakeCut = 1.0, MovedOdds = 1.0 },
        });
        using var client = Client(server.BaseAddress);
        var reference = NewReference();

        var placed = await client.PlaceAsync(Request(reference, stake: 100m, odds: 2.10m));

        var bet = Assert.IsType<PlacementResult.Accepted>(placed).Bet;
        Assert.InRange(bet.Stake, 25m, 99.99m);
        Assert.NotEqual(2.10m, bet.Odds);
        Assert.Equal(Assert.Single(server.Simulator.Held(reference)).AsAccepted(), bet);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_answers_with_latency_and_faults_on()
    {
        var options = new VenueServerOptions
        {
            Seed = 5,
            VirtualStart = Start,
            Faults = new FaultProfile { RejectPermanent = 0.2, RejectTransient = 0.2, ServerError = 0.1, StakeCut = 0.3, MovedOdds = 0.3 },
            HttpFaults = new HttpFaultProfile
            {
                MinLatency = TimeSpan.FromMilliseconds(1), MaxLatency = TimeSpan.FromMilliseconds(20),
                SlowShare = 0.1, SlowLatency = TimeSpan.FromMilliseconds(30), RateLimited = 0.2, DuplicateDelivery = 0.2,
            },
        };
        var references = Enumerable.Range(0, 16).Select(_ => NewReference("seeded")).ToList();

        var first = await PlaceAllAsync(options, references);
        var second = await PlaceAllAsync(options, references);

        Assert.Equal(first, second);
        Assert.Contains(first, r => r is PlacementResult.Accepted);
        Assert.Contains(first, r => r is PlacementResult.Rejected);
    }

    private static async Task<List<PlacementResult>> PlaceAllAsync(VenueServerOptions options, IEnumerable<ClientReference> references)
    {
        await using var server = await VenueSimulatorServer.StartAsync(options);
        using var client = Client(server.BaseAddress);
        // In parallel: the answers must not depend on the order requests arrive in.
        return (await Task.WhenAll(references.Select(r => client.PlaceAsync(Request(r))))).ToList();
    }
}
