using BetExecutor.Venues.Contract;
using Polly.CircuitBreaker;

namespace BetExecutor.Venue.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task Requests_over_the_venues_rate_are_not_sent_and_a_placement_over_it_is_a_transient_rejection()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
                using var client = Client(server.BaseAddress, Patient with { MaxRequestsPerSecond = 2 });
        using var control = new HttpVenueControl(server.BaseAddress);

        // A burst of 20 at once: 2 tokens, plus 2 a second for however long the burst takes to go out.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PlaceAsync(Request(NewReference()))));

        var refused = answers.OfType<PlacementResult.Rejected>().ToList();
        Assert.True(refused.Count >= 10, $"only {refused.Count} of 20 refused at 2 requests a second");
        Assert.All(refused, r => Assert.Equal((RejectionCodes.RateLimited, false), (r.Code, r.Permanent)));
        var book = await control.GetBookAsync();
        Assert.Equal(answers.Length - refused.Count, book.References.Sum(r => r.Requests)); // refused ones never reached it
    }

    [Fact]
    public async Task A_failed_lookup_is_retried_and_then_reads_failed_while_a_failed_placement_is_sent_once()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with { QueryRetries = 2 });
        using var control = new HttpVenueControl(server.BaseAddress);
        var reference = NewReference();
        server.Script(reference, new LegScript(new PlaceScript(PlaceBehaviour.Error), SettlementState.Pending, TimeSpan.Zero, LookupFails: true));

        var placed = await client.PlaceAsync(Request(reference));
        var lookup = await client.FindByClientReferenceAsync(Account, reference);

        Assert.IsType<PlacementResult.Unknown>(placed);
        Assert.Contains("503", Assert.IsType<LookupResult.Failed>(lookup).Reason);
        var counts = Assert.Single((await control.GetBookAsync()).References);
        Assert.Equal((1, 1, 3), (counts.Requests, counts.Attempts, counts.Lookups));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_server_errors_and_then_refuses_placements_as_not_sent_without_sending()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with
        {
            BreakerMinimumThroughput = 3,
            BreakerFailureRatio = 0.5,
            BreakerSamplingDuration = TimeSpan.FromMinutes(1),
            BreakerBreakDuration = TimeSpan.FromMinutes(1), // stays open for the rest of the test however slow the machine
        });
        using var control = new HttpVenueControl(server.BaseAddress);
        var failing = NewReference();
        var healthy = NewReference();
        server.Script(failing, new LegScript(new PlaceScript(PlaceBehaviour.Error), SettlementState.Pending, TimeSpan.Zero));

        for (var i = 0; i < 3; i++) Assert.IsType<PlacementResult.Unknown>(await client.PlaceAsync(Request(failing)));
        var placed = await client.PlaceAsync(Request(healthy));
        var lookup = await client.FindByClientReferenceAsync(Account, healthy);
        var settlement = await client.GetSettlementAsync(Account, "sim-anything");

        Assert.Equal(CircuitState.Open, client.Circuit);
        // Not sent, so the venue cannot hold it: a transient rejection, never an unknown that lookups could not resolve.
        var refused = Assert.IsType<PlacementResult.Rejected>(placed);
        Assert.Equal((RejectionCodes.VenueUnavailable, false), (refused.Code, refused.Permanent));
        Assert.StartsWith("circuit open", Assert.IsType<LookupResult.Failed>(lookup).Reason, StringComparison.Ordinal);
        Assert.StartsWith("circuit open", Assert.IsType<SettlementResult.Failed>(settlement).Reason, StringComparison.Ordinal);
        var book = await control.GetBookAsync();
        Assert.Equal(3, Assert.Single(book.References).Requests); // nothing for the healthy reference reached the venue
        Assert.Empty(book.Bets);
    }

    [Fact]
    public async Task Rate_limits_do_not_open_the_circuit()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress, Patient with { BreakerMinimumThroughput = 2, BreakerBreakDuration = TimeSpan.FromMinutes(1) });
        var limited = NewReference();
        server.Script(limited, new LegScript(PlaceScript.Parse("reject:RATE_LIMITED", "place"), SettlementState.Pending, TimeSpan.Zero));

        for (var i = 0; i < 4; i++) await client.PlaceAsync(Request(limited));
        var next = await client.PlaceAsync(Request(NewReference()));

        Assert.Equal(CircuitState.Closed, client.Circuit);
        Assert.IsType<PlacementResult.Accepted>(next);
    }

    [Fact]
    public async Task A_stopped_server_reads_not_sent_and_failed_and_nothing_throws()
    {
        var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        var reference = NewReference();
        var bet = Assert.IsType<PlacementResult.Accepted>(await client.PlaceAsync(Request(reference))).Bet;
        await server.DisposeAsync();
        using var held = HoldPortOrAnother(server.BaseAddress.Port, out var closedAddress);
        using var stranded = Client(closedAddress);
        var clients = closedAddress == server.BaseAddress ? [client, stranded] : new[] { stranded };

        foreach (var venue in clients)
        {
            Assert.Equal(RejectionCodes.VenueUnavailable, Assert.IsType<PlacementResult.Rejected>(await venue.PlaceAsync(Request(NewReference()))).Code);
            Assert.IsType<LookupResult.Failed>(await venue.FindByClientReferenceAsync(Account, reference));
            Assert.IsType<SettlementResult.Failed>(await venue.GetSettlementAsync(Account, bet.BetId));
        }
    }

    [Fact]
    public async Task An_address_where_nothing_listens_is_a_transient_rejection_because_nothing_was_delivered()
    {
        using var closed = HoldClosedPort();
        var port = ((System.Net.IPEndPoint)closed.LocalEndPoint!).Port;
        using var client = Client(new Uri($"http://127.0.0.1:{port}/"));

        var placed = await client.PlaceAsync(Request(NewReference()));

        var refused = Assert.IsType<PlacementResult.Rejected>(placed);
        Assert.Equal((RejectionCodes.VenueUnavailable, false), (refused.Code, refused.Permanent));
    }

    [Fact]
    public async Task A_caller_that_cancels_gets_its_cancellation_back_not_an_answer()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var client = Client(server.BaseAddress);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PlaceAsync(Request(NewReference()), cancelled.Token));
    }

    /// <summary>
    /// Holds the stopped server's port closed so no other test's server can take it meanwhile; if one already has,
    /// holds a fresh closed port instead. Either way the address returned has nothing listening.
    /// </summary>
    private static System.Net.Sockets.Socket HoldPortOrAnother(int port, out Uri address)
    {
        try
        {
            var socket = HoldClosedPort(port);
            address = new Uri($"http://127.0.0.1:{port}/");
            return socket;
        }
        catch (System.Net.Sockets.SocketException)
        {
            var socket = HoldClosedPort();
            address = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}/");
            return socket;
        }
    }
}
