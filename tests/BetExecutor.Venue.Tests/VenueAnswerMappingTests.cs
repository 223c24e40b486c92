using System.Net;
using System.Text;

namespace BetExecutor.Venue.Tests;

/// <summary>
/// Answers a real venue (or a proxy in front of it) can send but the simulator never does: malformed, crossed or
/// foreign. Served by a canned handler, since the point is the client's reading, not the transport.
/// </summary>
public sealed class VenueAnswerMappingTests
{
    private static readonly ClientReference Reference = new("bx-mapping-p");

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"status":"ACCEPTED","clientReference":"bx-mapping-p","betId":"b1","odds":2.0}""")]
    [InlineData(HttpStatusCode.OK, """{"status":"ACCEPTED","clientReference":"bx-mapping-p","stake":10,"odds":2.0}""")]
    [InlineData(HttpStatusCode.OK, """{"status":"ACCEPTED","clientReference":"bx-someone-else","betId":"b1","stake":10,"odds":2.0}""")]
    [InlineData(HttpStatusCode.OK, """{"status":"REJECTED"}""")]
    [InlineData(HttpStatusCode.OK, """{"status":"SOMETHING_NEW"}""")]
    [InlineData(HttpStatusCode.OK, "<html>maintenance</html>")]
    [InlineData(HttpStatusCode.NotFound, "")]
    [InlineData(HttpStatusCode.Unauthorized, "")]
    [InlineData(HttpStatusCode.BadGateway, """{"status":"REJECTED","code":"MARKET_CLOSED"}""")]
    public async Task A_placement_answer_that_does_not_clearly_say_accepted_or_rejected_reads_unknown(HttpStatusCode status, string body)
    {
        using var client = CannedClient(status, body);

        var result = await client.PlaceAsync(Request(Reference));

        Assert.IsType<PlacementResult.Unknown>(result);
    }

    [Fact]
    public async Task A_rejection_sent_as_4xx_with_a_code_reads_rejected_with_the_venues_current_odds()
    {
        using var client = CannedClient(HttpStatusCode.Conflict, """{"status":"REJECTED","code":"PRICE_CHANGED","currentOdds":1.91}""");

        var result = await client.PlaceAsync(Request(Reference));

        Assert.Equal(new PlacementResult.Rejected(RejectionCodes.PriceChanged, Permanent: false, CurrentOdds: 1.91m), result);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "")] // a bare 404 may be a wrong address, not "no such bet"
    [InlineData(HttpStatusCode.NotFound, "<html>not found</html>")]
    [InlineData(HttpStatusCode.OK, """{"status":"ACCEPTED","clientReference":"bx-someone-else","betId":"b1","stake":10,"odds":2.0}""")]
    [InlineData(HttpStatusCode.OK, """{"status":"PENDING_ACCEPTANCE"}""")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "")]
    public async Task A_lookup_answer_that_is_not_clearly_found_or_not_found_reads_failed(HttpStatusCode status, string body)
    {
        using var client = CannedClient(status, body);

        Assert.IsType<LookupResult.Failed>(await client.FindByClientReferenceAsync(Account, Reference));
    }

    [Theory]
    [InlineData("REFUNDED", SettlementState.Void)]
    [InlineData("CANCELLED", SettlementState.Void)]
    [InlineData("LOSE", SettlementState.Lost)]
    [InlineData("HALF_WON_HALF_PUSHED", SettlementState.HalfWon)]
    [InlineData("HALF_LOST_HALF_PUSHED", SettlementState.HalfLost)]
    [InlineData("won", SettlementState.Won)]
    public async Task Settlement_words_of_real_venues_read_as_our_states(string word, SettlementState expected)
    {
        using var client = CannedClient(HttpStatusCode.OK, $$"""{"betId":"b1","state":"{{word}}"}""");

        Assert.Equal(new SettlementResult.Known(expected), await client.GetSettlementAsync(Account, "b1"));
    }

    [Theory]
    [InlineData("""{"betId":"b1","state":"MAYBE_WON"}""")]
    [InlineData("""{"betId":"b1"}""")]
    [InlineData("""{"betId":"b2","state":"WON"}""")]
    public async Task A_settlement_state_we_do_not_know_or_for_another_bet_reads_failed_never_a_guess(string body)
    {
        using var client = CannedClient(HttpStatusCode.OK, body);

        Assert.IsType<SettlementResult.Failed>(await client.GetSettlementAsync(Account, "b1"));
    }

    private static HttpVenueClient CannedClient(HttpStatusCode status, string body) =>
        new(new HttpClient(new CannedHandler(status, body)) { BaseAddress = new Uri("http://127.0.0.1:9/") },
            Patient with { QueryRetries = 0 });

    private sealed class CannedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
