using BetExecutor.Venues.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace BetExecutor.Venue.Tests;

/// <summary>
/// The HTTP venue is the in-process venue behind a socket: for the same seed, script and clock, every call answers
/// the same, bet ids included. Unknown and Failed are compared by kind only: their reasons describe the transport.
/// </summary>
public sealed class HttpEqualsInProcessTests
{
    private const int Seed = 2025;

    [Theory]
    [InlineData("accept", "won", 0, false)]
    [InlineData("accept-at:1.85", "lost", 0, false)]
    [InlineData("accept-more:100", "won", 0, false)]
    [InlineData("accept-more:1e26", "lost", 0, false)]
    [InlineData("accept", "void", 10, false)]
    [InlineData("accept", "half-won", 0, false)]
    [InlineData("accept", "half-lost", 3, false)]
    [InlineData("accept", "pending", 0, false)]
    [InlineData("accept", "won", 0, true)]
    [InlineData("reject:MARKET_CLOSED", "won", 0, false)]
    [InlineData("reject:INSUFFICIENT_FUNDS", "won", 0, false)]
    [InlineData("reject:PRICE_CHANGED", "won", 0, false)]
    [InlineData("reject:RATE_LIMITED", "won", 0, false)]
    [InlineData("timeout-placed", "won", 0, false)]
    [InlineData("timeout-placed", "lost", 5, false)]
    [InlineData("timeout-not-placed", "won", 0, false)]
    [InlineData("error", "won", 0, false)]
    public async Task A_script_answers_the_same_over_http_as_in_process(string place, string settle, int visibleAfterSeconds, bool lookupFails)
    {
        Assert.True(LegScript.TryParseSettle(settle, out var settlement));
        var script = new LegScript(PlaceScript.Parse(place, "place"), settlement, TimeSpan.FromSeconds(visibleAfterSeconds), lookupFails);
        var reference = NewReference("same");

        var inProcess = new FakeTimeProvider(Start);
        var local = new VenueSimulator(inProcess, Seed);
        local.Script(reference, script);
        var expected = await RunAsync(local, reference, script, advance: by => { inProcess.Advance(by); return Task.CompletedTask; });

        await using var server = await VenueSimulatorServer.StartAsync(new VenueServerOptions { Seed = Seed, VirtualStart = Start });
        var losesAnswer = script.Place.Behaviour is PlaceBehaviour.TimeoutPlaced or PlaceBehaviour.TimeoutNotPlaced;
        using var client = Client(server.BaseAddress, losesAnswer ? Patient with { PlacementTimeout = ShortTimeout } : Patient);
        using var control = new HttpVenueControl(server.BaseAddress);
        await control.ScriptAsync(reference, script);
        var actual = await RunAsync(client, reference, script, advance: by => control.SetClockAsync(Start + by));

        Assert.Equal(expected, actual);
        Assert.Equal(local.Book(), server.Simulator.Book());
    }

    /// <summary>Place, place again (idempotent repeat), look up now and once visible, and read the settlement.</summary>
    private static async Task<List<object>> RunAsync(IVenueClient venue, ClientReference reference, LegScript script, Func<TimeSpan, Task> advance)
    {
        var observed = new List<object>
        {
            Kind(await venue.PlaceAsync(Request(reference))),
            Kind(await venue.PlaceAsync(Request(reference))),
            Kind(await venue.FindByClientReferenceAsync(Account, reference)),
        };
        await advance(script.VisibleAfter);
        var lookup = await venue.FindByClientReferenceAsync(Account, reference);
        observed.Add(Kind(lookup));
        if (lookup is LookupResult.Found found)
            observed.Add(Kind(await venue.GetSettlementAsync(Account, found.Bet.BetId)));
        return observed;
    }

    private static object Kind(object result) => result switch
    {
        PlacementResult.Unknown => "placement unknown",
        LookupResult.Failed => "lookup failed",
        SettlementResult.Failed => "settlement failed",
        _ => result,
    };
}
