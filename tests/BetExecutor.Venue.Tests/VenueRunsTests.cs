using System.Net;
using BetExecutor.Cli.Tests.Support;

namespace BetExecutor.Venue.Tests;

/// <summary>Issue 9 item 2: each scenario run gets a venue of its own on a running simulator.</summary>
public sealed class VenueRunsTests
{
    [Fact]
    public async Task A_run_has_its_own_book_and_clock_and_the_root_venue_is_untouched()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var root = new HttpVenueControl(server.BaseAddress);
        await root.SetClockAsync(Start.AddDays(1));

        var first = await root.StartRunAsync();
        var second = await root.StartRunAsync();
        using var firstControl = new HttpVenueControl(first);
        using var secondControl = new HttpVenueControl(second);
        using var firstVenue = new HttpVenueDirectory(first, Patient);
        // Earlier than the root's clock and than each other: every run's clock starts afresh.
        await firstControl.SetClockAsync(Start);
        await secondControl.SetClockAsync(Start.AddHours(-1));
        await firstVenue.For(Account).PlaceAsync(Request(NewReference(), Account));

        Assert.NotEqual(first, second);
        Assert.Single((await firstControl.GetBookAsync()).Bets);
        Assert.Empty((await secondControl.GetBookAsync()).Bets);
        Assert.Empty(server.Simulator.Book());
        Assert.Equal(Start.AddHours(-1), (await secondControl.GetClockAsync()).Now);
    }

    [Fact]
    public async Task An_unknown_run_is_answered_404_naming_the_run_id()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("runs/no-such-run/bets");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("runId:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Betexec_demo_run_twice_against_one_simulator_prints_the_same_table_both_times()
    {
        await using var server = await VenueSimulatorServer.StartAsync();

        var first = await Betexec.RunDllAsync(Betexec.CliProjectDllPath, "demo", "--venue", server.BaseAddress.ToString());
        var second = await Betexec.RunDllAsync(Betexec.CliProjectDllPath, "demo", "--venue", server.BaseAddress.ToString());

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("SIGNAL", first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.DoesNotContain("Exception", second.Stderr);
        Assert.Equal(2, server.RunVenues().Count(v => v.Book().Count > 0)); // each run placed on a venue of its own
        Assert.Empty(server.Simulator.Book());
    }
}
