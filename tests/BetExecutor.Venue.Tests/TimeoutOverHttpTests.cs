namespace BetExecutor.Venue.Tests;

/// <summary>
/// Lost answers over a real socket. The venue holds the answer for 30 s (or until the client gives up), far past
/// the client's short timeout, so the timeout is certain however loaded the machine is.
/// </summary>
public sealed class TimeoutOverHttpTests
{
    [Fact]
    public async Task A_timeout_placed_leg_times_out_at_the_client_as_unknown_and_a_later_lookup_finds_the_bet()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with { PlacementTimeout = ShortTimeout });
        var reference = NewReference();
        server.Script(reference, new LegScript(new PlaceScript(PlaceBehaviour.TimeoutPlaced), SettlementState.Won, TimeSpan.Zero));

        var placed = await client.PlaceAsync(Request(reference));
        var lookup = await client.FindByClientReferenceAsync(Account, reference);

        Assert.StartsWith("timeout", Assert.IsType<PlacementResult.Unknown>(placed).Reason, StringComparison.Ordinal);
        var held = Assert.Single(server.Simulator.Held(reference));
        Assert.Equal(new LookupResult.Found(held.AsAccepted()), lookup);
    }

    [Fact]
    public async Task A_timeout_not_placed_leg_times_out_as_unknown_and_the_lookup_finds_nothing()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with { PlacementTimeout = ShortTimeout });
        var reference = NewReference();
        server.Script(reference, new LegScript(new PlaceScript(PlaceBehaviour.TimeoutNotPlaced), SettlementState.Won, TimeSpan.Zero));

        var placed = await client.PlaceAsync(Request(reference));
        var lookup = await client.FindByClientReferenceAsync(Account, reference);

        Assert.StartsWith("timeout", Assert.IsType<PlacementResult.Unknown>(placed).Reason, StringComparison.Ordinal);
        Assert.IsType<LookupResult.NotFound>(lookup);
        Assert.Empty(server.Simulator.Book());
    }

    [Fact]
    public async Task A_client_that_waits_longer_than_the_venue_holds_a_lost_answer_sees_the_connection_dropped_as_unknown()
    {
        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions { LostAnswerHold = TimeSpan.FromMilliseconds(100) });
        using var client = Client(server.BaseAddress); // 15 s placement timeout: the venue drops the connection first
        var reference = NewReference();
        server.Script(reference, new LegScript(new PlaceScript(PlaceBehaviour.TimeoutPlaced), SettlementState.Won, TimeSpan.Zero));

        var placed = await client.PlaceAsync(Request(reference));

        Assert.StartsWith("transport error", Assert.IsType<PlacementResult.Unknown>(placed).Reason, StringComparison.Ordinal);
        Assert.Single(server.Simulator.Held(reference));
    }

    [Fact]
    public async Task A_placement_that_timed_out_is_not_sent_again_by_the_client()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with { PlacementTimeout = ShortTimeout });
        var reference = NewReference();
        server.Script(reference, new LegScript(new PlaceScript(PlaceBehaviour.TimeoutNotPlaced), SettlementState.Won, TimeSpan.Zero));

        await client.PlaceAsync(Request(reference));
        // A lookup afterwards is answered by the same server, so any re-sent placement would have arrived by then.
        await client.FindByClientReferenceAsync(Account, reference);

        Assert.Single(server.Simulator.Attempts(reference));
    }
}
