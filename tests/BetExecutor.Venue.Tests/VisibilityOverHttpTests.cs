namespace BetExecutor.Venue.Tests;

/// <summary>The venue's clock is the runner's: visibility and settlement follow <c>POST /control/clock</c>, not the wall clock.</summary>
public sealed class VisibilityOverHttpTests
{
    [Fact]
    public async Task A_late_bet_shows_in_lookups_only_once_the_control_clock_passes_its_visible_after()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();
        await control.SetClockAsync(Start);
        await control.ScriptAsync(reference, new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.FromSeconds(15)));

        var placed = await client.PlaceAsync(Request(reference));
        var atOnce = await client.FindByClientReferenceAsync(Account, reference);
        await control.SetClockAsync(Start.AddSeconds(14.999));
        var justBefore = await client.FindByClientReferenceAsync(Account, reference);
        await control.SetClockAsync(Start.AddSeconds(15));
        var onTime = await client.FindByClientReferenceAsync(Account, reference);

        var bet = Assert.IsType<PlacementResult.Accepted>(placed).Bet;
        Assert.IsType<LookupResult.NotFound>(atOnce);
        Assert.IsType<LookupResult.NotFound>(justBefore);
        Assert.Equal(new LookupResult.Found(bet), onTime);
    }

    [Fact]
    public async Task A_bet_not_yet_visible_settles_pending_and_then_as_scripted_once_the_clock_passes()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions { VirtualStart = Start });
        using var client = Client(server.BaseAddress);
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();
        await control.ScriptAsync(reference, new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.FromSeconds(5)));

        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;
        var before = await client.GetSettlementAsync(Account, bet.BetId);
        await control.SetClockAsync(Start.AddSeconds(5));
        var after = await client.GetSettlementAsync(Account, bet.BetId);

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), before);
        Assert.Equal(new SettlementResult.Known(SettlementState.Lost), after);
    }

    [Fact]
    public async Task The_control_clock_reads_back_as_set_and_refuses_to_go_back()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var control = new HttpVenueControl(server.BaseAddress);

        var real = await control.GetClockAsync();
        await control.SetClockAsync(Start.AddMinutes(1));
        var set = await control.GetClockAsync();
        var back = await Assert.ThrowsAsync<VenueControlException>(() => control.SetClockAsync(Start));

        Assert.False(real.Virtual);
        Assert.Equal((Start.AddMinutes(1), true), (set.Now, set.Virtual));
        Assert.Contains("409", back.Message);
        Assert.Equal(Start.AddMinutes(1), server.Clock.GetUtcNow());
    }
}
