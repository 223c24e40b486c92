using System.Net;
using System.Net.Http.Json;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Venue.Tests;

public sealed class DirectoryAndControlTests
{
    [Fact]
    public async Task The_directory_sends_each_provider_to_its_own_venue_and_shares_one_client_per_venue()
    {
        await using var soft = await VenueSimulatorServer.StartAsync();
        await using var sharp = await VenueSimulatorServer.StartAsync();
        var softAccount = Identity.Create("softbook", "brand", "acct-1");
        var sharpAccount = Identity.Create("sharpex", "main", "acct-9");
        var sharpOther = Identity.Create("sharpex", "other", "acct-3");
        using var directory = new HttpVenueDirectory(
            new Dictionary<string, Uri> { ["softbook"] = soft.BaseAddress, ["sharpex"] = sharp.BaseAddress }, Patient);

        await directory.For(softAccount).PlaceAsync(Request(NewReference(), softAccount));
        await directory.For(sharpAccount).PlaceAsync(Request(NewReference(), sharpAccount));

        Assert.Equal(softAccount, Assert.Single(soft.Simulator.Book()).Account);
        Assert.Equal(sharpAccount, Assert.Single(sharp.Simulator.Book()).Account);
        Assert.Same(directory.For(sharpAccount), directory.For(sharpOther));
    }

    [Fact]
    public async Task A_provider_with_no_venue_configured_reads_unknown_and_failed_and_sends_nothing()
    {
        using var directory = new HttpVenueDirectory(new Dictionary<string, Uri>(), Patient);
        var venue = directory.For(Account);

        Assert.Contains("simbook", Assert.IsType<PlacementResult.Unknown>(await venue.PlaceAsync(Request(NewReference()))).Reason);
        Assert.IsType<LookupResult.Failed>(await venue.FindByClientReferenceAsync(Account, NewReference()));
        Assert.IsType<SettlementResult.Failed>(await venue.GetSettlementAsync(Account, "b1"));
    }

    [Fact]
    public async Task A_single_address_directory_sends_every_identity_to_that_venue()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var directory = new HttpVenueDirectory(server.BaseAddress, Patient);

        await directory.For(Account).PlaceAsync(Request(NewReference(), Account));
        await directory.For(OtherAccount).PlaceAsync(Request(NewReference(), OtherAccount));

        Assert.Equal(2, server.Simulator.Book().Count);
    }

    [Fact]
    public async Task An_invalid_control_script_is_refused_400_naming_each_bad_field()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var raw = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await raw.PostAsJsonAsync(VenueRoutes.ControlScripts,
            new { clientReference = "", place = "maybe", settle = "lost-a-bit", lookup = "sometimes" }, VenueWire.Json);
        var error = await response.Content.ReadFromJsonAsync<ErrorBody>(VenueWire.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["clientReference", "place", "settle", "lookup"], error!.Errors!.Select(e => e.Split(':')[0]));
    }

    [Theory]
    [InlineData("accept", "won", 0, false)]
    [InlineData("accept-at:2.05", "half-lost", 15, false)]
    [InlineData("reject:STAKE_ABOVE_MAX", "pending", 0, false)]
    [InlineData("timeout-placed", "void", 3, true)]
    [InlineData("timeout-not-placed", "half-won", 0, false)]
    [InlineData("error", "lost", 0, true)]
    public void A_script_survives_the_trip_through_the_control_api_form(string place, string settle, int visibleAfterSeconds, bool lookupFails)
    {
        Assert.True(LegScript.TryParseSettle(settle, out var state));
        var script = new LegScript(PlaceScript.Parse(place, "place"), state, TimeSpan.FromSeconds(visibleAfterSeconds), lookupFails);
        var reference = NewReference();

        Assert.True(ScriptWire.TryRead(ScriptWire.ToBody(reference, script), out var readReference, out var readScript, out var errors), string.Join("; ", errors));
        Assert.Equal((reference, script), (readReference, readScript));
    }

    [Fact]
    public async Task A_control_client_pointed_at_nothing_throws_a_control_exception()
    {
        using var closed = HoldClosedPort();
        using var control = new HttpVenueControl(new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/"));

        await Assert.ThrowsAsync<VenueControlException>(() => control.GetBookAsync());
    }
}
