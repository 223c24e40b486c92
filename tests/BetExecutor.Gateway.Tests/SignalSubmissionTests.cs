using System.Net;
using System.Text.Json.Nodes;
using BetExecutor.Gateway.Tests.Support;
using BetExecutor.Ingress.Signals;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

/// <summary>POST /signals against a real node: each answer the contract names, counted against the venue's book.</summary>
public sealed class SignalSubmissionTests
{
    [Fact]
    public async Task An_executed_signal_is_answered_200_with_its_decision_once_the_account_decided()
    {
        await using var gateway = await GatewayHarness.StartAsync();

        var answer = await gateway.PostAsync(SignalFor("s-1"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(("s-1", "executed"), (answer["signalId"], answer["decision"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"provider":"bookie","whitelabel":"brand1","account":"alice"}"""), answer.Json!["identity"]));
        Assert.Null(answer["reason"]);
        Assert.Equal("2030-06-01T12:01:00+00:00", answer["cooldownUntil"]);
        Assert.False(answer.Json!["dryRun"]!.GetValue<bool>());
        await gateway.SettledAsync();
        Assert.Equal(1, gateway.PositivesHeld("s-1"));
    }

    [Fact]
    public async Task A_repeated_signal_id_is_a_duplicate_carrying_the_first_decision_and_places_nothing_more()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.PostAsync(SignalFor("s-1"));

        var again = await gateway.PostAsync(SignalFor("s-1", stake: 60m));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("duplicate", again["decision"]);
        Assert.Equal("executed", again.Json!["first"]!["decision"]!.GetValue<string>());
        Assert.Equal("2030-06-01T12:00:00+00:00", again.Json!["first"]!["decidedAt"]!.GetValue<string>());
        await gateway.SettledAsync();
        Assert.Equal(1, gateway.PositivesInBook(Alice));
    }

    [Fact]
    public async Task A_signal_our_controls_refuse_is_answered_200_rejected_with_the_reason_code()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.PostAsync(SignalFor("s-1"));

        var second = await gateway.PostAsync(SignalFor("s-2"));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(("rejected", "cooldown"), (second["decision"], second["reason"]));
        Assert.Contains("cooldown", second["detail"]);
        await gateway.SettledAsync();
        Assert.Equal(0, gateway.PositivesHeld("s-2"));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        // A body, and the field the 400 must name.
        { """{"signalId": "s-1"}""", "identity" },
        { Without("identity"), "identity" },
        { Replace("\"account\":\"alice\"", "\"account\":\"al ice\\u0000\""), "identity.account" },
        { Replace("\"stake\":50", "\"stake\":\"50\""), "positive.stake" },
        { Replace("\"stake\":50", "\"stake\":50,\"stake\":5000"), "positive.stake" },
        { Replace("\"signalId\":\"s-1\"", "\"signalId\":\"s-1\",\"expiresAT\":\"2030-06-01T12:00:10Z\""), "expiresAT" },
        { "{\"signalId\": ", "$" },
        { "[]", "$" },
        { "", "$" },
    };

    private static string Body1 => Body(SignalFor("s-1"));

    private static string Replace(string what, string with) =>
        Body1.Contains(what, StringComparison.Ordinal) ? Body1.Replace(what, with, StringComparison.Ordinal) : throw new ArgumentException(what);

    private static string Without(string field)
    {
        var json = SignalJson.Write(SignalFor("s-1"));
        json.Remove(field);
        return json.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_answered_400_naming_the_field_and_reaches_no_account(string body, string field)
    {
        await using var gateway = await GatewayHarness.StartAsync();

        var answer = await gateway.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var fields = answer.Json!["error"]!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains(field, fields);
        Assert.Empty(gateway.Simulation.Venue.AllAttempts());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_answered_413_whether_its_length_is_declared_or_not()
    {
        await using var gateway = await GatewayHarness.StartAsync("max-body = 1KiB");
        var padded = Body(SignalFor("s-1")).Replace("\"signalId\"", $"\"pad\":\"{new string('x', 2000)}\",\"signalId\"", StringComparison.Ordinal);

        var declared = await gateway.PostAsync(padded);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "signals") { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(padded))) };
        chunked.Headers.Add("X-Api-Key", DeskKey);
        chunked.Headers.TransferEncodingChunked = true;
        var undeclared = await gateway.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.Status);
        Assert.Equal("body-too-large", declared.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, undeclared.Status);
        Assert.Empty(gateway.Simulation.Venue.AllAttempts());
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_methods_are_plain_json_404_and_405()
    {
        await using var gateway = await GatewayHarness.StartAsync();

        var unknown = await gateway.GetAsync("nothing/here");
        var wrongMethod = await gateway.GetAsync("signals");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "health/live");
        var deleted = await gateway.SendAsync(delete);

        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknown.Status, unknown.Json!["error"]!["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method-not-allowed"), (wrongMethod.Status, wrongMethod.Json!["error"]!["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleted.Status);
    }
}
