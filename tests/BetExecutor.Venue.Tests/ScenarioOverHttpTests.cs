using System.Text.Json.Nodes;
using BetExecutor.Cli.Demo;
using BetExecutor.Cli.Simulate;
using BetExecutor.Venue.Simulator;

namespace BetExecutor.Venue.Tests;

/// <summary>Issue 5: a scenario run against the HTTP venue gives the same results as against the in-process one.</summary>
public sealed class ScenarioOverHttpTests
{
    [Fact]
    public async Task The_demo_over_real_http_gives_exactly_the_in_process_results()
    {
        await using var venue = await VenueSimulatorServer.StartAsync(new VenueServerOptions { Seed = 7 });

        var overHttp = await RunAsync(venue.BaseAddress);
        var inProcess = await RunAsync(null);

        Assert.Equal(inProcess.Count, overHttp.Count);
        for (var i = 0; i < inProcess.Count; i++)
            Assert.True(JsonNode.DeepEquals(inProcess[i], overHttp[i]), $"line {i + 1}:\n  in process: {inProcess[i]}\n  over HTTP:  {overHttp[i]}");
        Assert.NotEmpty(Assert.Single(venue.RunVenues()).Book()); // the bets really went over the wire, to the run's own venue
    }

    [Theory]
    [InlineData("http://10.1.2.3:5080", "not a loopback address")]
    [InlineData("ftp://127.0.0.1:5080", "not an http:// address")]
    public void A_venue_address_off_loopback_or_not_http_is_refused_naming_the_option(string address, string message)
    {
        Assert.False(VenueOption.TryRead(address, out _, out var error));
        Assert.StartsWith("--venue:", error);
        Assert.Contains(message, error);
    }

    private static async Task<IReadOnlyList<JsonNode>> RunAsync(Uri? venue)
    {
        var output = new StringWriter();
        var exit = await SimulateCommand.RunAsync(DemoCommand.Scenario(), json: true, redis: null, verbose: false, output, venue);
        Assert.Equal(0, exit);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }
}
