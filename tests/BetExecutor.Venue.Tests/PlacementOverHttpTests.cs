using System.Net;
using System.Net.Http.Json;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Tests;

public sealed class PlacementOverHttpTests
{
    [Fact]
    public async Task An_accept_script_is_answered_accepted_at_the_asked_stake_and_odds_and_held_in_the_book()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero));

        var result = await client.PlaceAsync(Request(reference, stake: 55.50m, odds: 2.37m));

        var accepted = Assert.IsType<PlacementResult.Accepted>(result);
        var held = Assert.Single(server.Simulator.Held(reference));
        Assert.Equal(new AcceptedBet(held.BetId, 55.50m, 2.37m), accepted.Bet);
    }

    [Fact]
    public async Task An_accept_at_script_is_answered_accepted_at_the_venues_odds()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Parse("accept-at:1.95", "place"), SettlementState.Pending, TimeSpan.Zero));

        var result = await client.PlaceAsync(Request(reference, odds: 2.10m));

        Assert.Equal(1.95m, Assert.IsType<PlacementResult.Accepted>(result).Bet.Odds);
    }

    [Theory]
    [InlineData(RejectionCodes.MarketClosed)]
    [InlineData(RejectionCodes.InsufficientFunds)]
    [InlineData(RejectionCodes.AccountBlocked)]
    [InlineData(RejectionCodes.StakeAboveMax)]
    [InlineData(RejectionCodes.OddsBelowMinimum)]
    public async Task A_permanent_rejection_reads_rejected_permanent_with_its_code_and_holds_nothing(string code)
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Parse($"reject:{code}", "place"), SettlementState.Pending, TimeSpan.Zero));

        var result = await client.PlaceAsync(Request(reference));

        Assert.Equal(new PlacementResult.Rejected(code, Permanent: true), result);
        Assert.Empty(server.Simulator.Held(reference));
    }

    [Theory]
    [InlineData(RejectionCodes.PriceChanged)]
    [InlineData(RejectionCodes.ServiceBusy)]
    [InlineData(RejectionCodes.MarketSuspended)]
    public async Task A_transient_rejection_reads_rejected_transient(string code)
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Parse($"reject:{code}", "place"), SettlementState.Pending, TimeSpan.Zero));

        var result = await client.PlaceAsync(Request(reference));

        Assert.Equal(new PlacementResult.Rejected(code, Permanent: false), result);
    }

    [Theory]
    [InlineData("ABOVE_MAX_BET_AMOUNT", RejectionCodes.StakeAboveMax, true)]
    [InlineData("MARKET_NOT_OPEN_FOR_BETTING", RejectionCodes.MarketClosed, true)]
    [InlineData("LINE_CHANGED", RejectionCodes.PriceChanged, false)]
    [InlineData("SOMETHING_NOBODY_MAPPED", "SOMETHING_NOBODY_MAPPED", true)]
    public async Task A_real_venues_error_code_is_read_in_our_vocabulary_and_an_unknown_one_is_permanent(string venueCode, string ours, bool permanent)
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Parse($"reject:{venueCode}", "place"), SettlementState.Pending, TimeSpan.Zero));

        var result = await client.PlaceAsync(Request(reference));

        Assert.Equal(new PlacementResult.Rejected(ours, permanent), result);
    }

    [Fact]
    public async Task A_rate_limited_rejection_arrives_as_429_and_reads_rejected_transient_rate_limited()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        var first = NewReference();
        var second = NewReference();
        var script = new LegScript(PlaceScript.Parse("reject:RATE_LIMITED", "place"), SettlementState.Pending, TimeSpan.Zero);
        server.Script(first, script);
        server.Script(second, script);

        using var response = await raw.PostAsJsonAsync(VenueRoutes.Bets, Body(Request(first)), VenueWire.Json);
        var result = await client.PlaceAsync(Request(second));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal(new PlacementResult.Rejected(RejectionCodes.RateLimited, Permanent: false), result);
    }

    [Fact]
    public async Task An_error_script_is_answered_503_and_reads_unknown_with_nothing_held()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        var first = NewReference();
        var second = NewReference();
        var script = new LegScript(new PlaceScript(PlaceBehaviour.Error), SettlementState.Pending, TimeSpan.Zero);
        server.Script(first, script);
        server.Script(second, script);

        using var response = await raw.PostAsJsonAsync(VenueRoutes.Bets, Body(Request(first)), VenueWire.Json);
        var result = await client.PlaceAsync(Request(second));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("503", Assert.IsType<PlacementResult.Unknown>(result).Reason);
        Assert.Empty(server.Simulator.Book());
    }

    [Fact]
    public async Task A_placement_that_is_not_json_is_refused_400_invalid_request_naming_the_problem()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await raw.PostAsJsonAsync(VenueRoutes.Bets, new { clientReference = "bx-x", odds = 0.5 }, VenueWire.Json);
        var answer = await response.Content.ReadFromJsonAsync<BetAnswerBody>(VenueWire.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(VenueStatuses.Rejected, answer!.Status);
        Assert.Equal(VenueErrorCodes.InvalidRequest, answer.Code);
        Assert.Contains(answer.Errors!, e => e.StartsWith("account.provider", StringComparison.Ordinal));
        Assert.Contains(answer.Errors!, e => e.StartsWith("odds", StringComparison.Ordinal));
        Assert.Empty(server.Simulator.AllAttempts());
    }

    internal static PlaceBetBody Body(LegOrder request) =>
        new(new AccountBody(request.Account.Provider, request.Account.Whitelabel, request.Account.Account),
            request.ClientReference.Value, request.EventId, request.Market, request.Selection, request.Odds, request.Stake, request.Currency);
}
