using System.Net.Http.Json;

namespace BetExecutor.Venue.Tests;

public sealed class SettlementOverHttpTests
{
    [Theory]
    [InlineData(SettlementState.Pending)]
    [InlineData(SettlementState.Won)]
    [InlineData(SettlementState.Lost)]
    [InlineData(SettlementState.Void)]
    [InlineData(SettlementState.HalfWon)]
    [InlineData(SettlementState.HalfLost)]
    public async Task Every_settlement_state_reads_back_as_the_script_says(SettlementState state)
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Accept, state, TimeSpan.Zero));

        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;
        var settlement = await client.GetSettlementAsync(Account, bet.BetId);

        Assert.Equal(new SettlementResult.Known(state), settlement);
    }

    [Fact]
    public async Task A_void_the_venue_reports_as_refunded_reads_void()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions
        {
            HttpFaults = new HttpFaultProfile { VoidReportedAsRefunded = 1.0 },
        });
        using var client = Client(server.BaseAddress);
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Accept, SettlementState.Void, TimeSpan.Zero));

        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;
        var wire = await raw.GetFromJsonAsync<SettlementBody>(VenueRoutes.Settlement(Account, bet.BetId), VenueWire.Json);
        var settlement = await client.GetSettlementAsync(Account, bet.BetId);

        Assert.Equal(SettlementWireStates.Refunded, wire!.State);
        Assert.Equal(new SettlementResult.Known(SettlementState.Void), settlement);
    }

    [Fact]
    public async Task Rescripting_a_held_bet_through_the_control_api_settles_it_later()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();
        await control.ScriptAsync(reference, LegScript.AcceptAndStayPending);

        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;
        var before = await client.GetSettlementAsync(Account, bet.BetId);
        await control.ScriptAsync(reference, LegScript.AcceptAndStayPending with { Settle = SettlementState.HalfWon });
        var after = await client.GetSettlementAsync(Account, bet.BetId);

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), before);
        Assert.Equal(new SettlementResult.Known(SettlementState.HalfWon), after);
    }

    [Fact]
    public async Task Another_accounts_bet_id_reads_pending_never_lost()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero));

        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await client.GetSettlementAsync(OtherAccount, bet.BetId));
    }
}
