using System.Net.Http.Json;

namespace BetExecutor.Venue.Tests;

public sealed class IdempotencyOverHttpTests
{
    [Fact]
    public async Task Two_posts_with_the_same_reference_answer_the_same_bet_and_the_book_holds_one()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();

        var first = await client.PlaceAsync(Request(reference));
        var second = await client.PlaceAsync(Request(reference, stake: 999m)); // a repeat is answered with the bet held

        Assert.Equal(first, second);
        var book = await control.GetBookAsync();
        var bet = Assert.Single(book.Bets);
        Assert.Equal(100m, bet.Stake);
        var counts = Assert.Single(book.References);
        Assert.Equal((reference.Value, 2, 2), (counts.ClientReference, counts.Requests, counts.Attempts));
    }

    [Fact]
    public async Task Concurrent_posts_with_the_same_reference_hold_one_bet()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PlaceAsync(Request(reference))));

        var held = Assert.Single(server.Simulator.Book());
        Assert.All(results, r => Assert.Equal(held.BetId, Assert.IsType<PlacementResult.Accepted>(r).Bet.BetId));
    }

    [Fact]
    public async Task The_same_reference_for_two_accounts_is_two_bets()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();

        var mine = await client.PlaceAsync(Request(reference, Account));
        var theirs = await client.PlaceAsync(Request(reference, OtherAccount));

        Assert.NotEqual(Assert.IsType<PlacementResult.Accepted>(mine).Bet.BetId, Assert.IsType<PlacementResult.Accepted>(theirs).Bet.BetId);
        Assert.Equal(2, server.Simulator.Book().Count);
    }

    [Fact]
    public async Task A_placement_delivered_twice_by_the_network_still_holds_one_bet()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            HttpFaults = new HttpFaultProfile { DuplicateDelivery = 1.0 },
        });
        using var control = new HttpVenueControl(server.BaseAddress);
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        var reference = NewReference();

        using var response = await raw.PostAsJsonAsync(VenueRoutes.Bets, PlacementOverHttpTests.Body(Request(reference)), VenueWire.Json);
        var answer = await response.Content.ReadFromJsonAsync<BetAnswerBody>(VenueWire.Json);

        var book = await control.GetBookAsync();
        var bet = Assert.Single(book.Bets);
        Assert.Equal((VenueStatuses.Accepted, bet.BetId), (answer!.Status, answer.BetId));
        var counts = Assert.Single(book.References);
        Assert.Equal((1, 2), (counts.Requests, counts.Attempts));
    }
}
