using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace BetExecutor.Venue.Tests;

/// <summary>
/// Issue 8 item 11: the simulator is the ground truth of every test, so its control API is bounded, strict and local:
/// JSON only, loopback Host only, no cross-origin caller, field-named 400s, no duplicate keys or quoted numbers.
/// </summary>
public sealed class ControlApiBoundsTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text;
    }

    [Fact]
    public async Task A_huge_visibleAfter_is_refused_naming_the_field_and_the_book_still_answers()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var scripted = await http.PostAsync(VenueRoutes.ControlScripts,
            Json("""{"clientReference":"bx-1","place":"accept","settle":"won","visibleAfter":"10675199.00:00:00"}"""));
        using var placed = await http.PostAsJsonAsync(VenueRoutes.Bets,
            new PlaceBetBody(new AccountBody("simbook", "brand", "acct-1"), "bx-1", "event-42", "match-odds", "home", 2.1m, 10m, "EUR"), VenueWire.Json);
        using var book = await http.GetAsync(VenueRoutes.Bets);

        Assert.Equal(HttpStatusCode.BadRequest, scripted.StatusCode);
        Assert.Contains("visibleAfter:", await ErrorsOf(scripted));
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, book.StatusCode);
    }

    [Fact]
    public async Task A_control_request_that_is_not_json_is_refused_415()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync(VenueRoutes.ControlClock,
            new StringContent("""{"now":"2030-01-01T00:00:00Z"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type:", await ErrorsOf(response));
        Assert.False(server.Clock.IsVirtual);
    }

    [Fact]
    public async Task A_request_from_another_origin_is_refused_403()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, VenueRoutes.ControlClock) { Content = Json("""{"now":"2030-01-01T00:00:00Z"}""") };
        request.Headers.Add("Origin", "http://attacker.example");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin:", await ErrorsOf(response));
        Assert.False(server.Clock.IsVirtual);
    }

    [Fact]
    public async Task A_request_naming_a_host_that_is_not_loopback_is_refused_400()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, VenueRoutes.Bets);
        request.Headers.Host = "rebound.attacker.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Host:", await ErrorsOf(response));
    }

    [Theory]
    [InlineData("""{"account":{"provider":"simbook","whitelabel":"brand","account":"acct-1"},"clientReference":"bx-q","eventId":"e","market":"m","selection":"home","odds":2.1,"stake":"10","currency":"EUR"}""", "stake:")]
    [InlineData("""{"account":{"provider":"simbook","whitelabel":"brand","account":"acct-1"},"clientReference":"bx-d","eventId":"e","market":"m","selection":"home","odds":2.1,"stake":10,"stake":5000,"currency":"EUR"}""", "stake:")]
    [InlineData("""{"account":{"provider":"simbook","whitelabel":"brand","account":"acct-1"},"clientReference":"bx-u","eventId":"e","market":"m","selection":"home","odds":2.1,"stake":10,"currency":"EUR","stak":1}""", "stak:")]
    public async Task A_placement_with_a_quoted_number_a_duplicate_key_or_an_unknown_field_is_refused_naming_it(string body, string field)
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync(VenueRoutes.Bets, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await ErrorsOf(response));
        Assert.Empty(server.Simulator.Book());
    }

    [Fact]
    public async Task A_control_script_with_a_duplicate_key_is_refused_naming_it()
    {
        await using var server = await VenueSimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync(VenueRoutes.ControlScripts,
            Json("""{"clientReference":"bx-1","place":"accept","place":"reject:CLOSED","settle":"won"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("place:", await ErrorsOf(response));
    }
}
