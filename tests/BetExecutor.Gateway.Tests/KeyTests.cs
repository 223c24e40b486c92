using System.Net;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Http.Security;
using BetExecutor.Gateway.Tests.Support;
using BetExecutor.Audit.Tests.Support;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

/// <summary>Who may send, and that the key's name (never the key) is on what a request causes.</summary>
public sealed class KeyTests
{
    [Fact]
    public async Task Without_a_valid_key_every_signal_route_answers_401_with_one_body_whatever_the_reason()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var body = Body(SignalFor("s-1"));

        var missing = await gateway.PostAsync(body, key: null);
        var unknown = await gateway.PostAsync(body, key: "not-a-configured-key");
        var hashInstead = await gateway.PostAsync(body, key: ApiKeyRing.HashOf(DeskKey));
        using var garbled = new HttpRequestMessage(HttpMethod.Post, "signals") { Content = new StringContent(body) };
        garbled.Headers.TryAddWithoutValidation("Authorization", "Basic " + DeskKey);
        var wrongScheme = await gateway.SendAsync(garbled);
        using var both = new HttpRequestMessage(HttpMethod.Post, "signals") { Content = new StringContent(body) };
        both.Headers.TryAddWithoutValidation("Authorization", "Bearer " + DeskKey);
        both.Headers.Add("X-Api-Key", OtherKey);
        var twoKeys = await gateway.SendAsync(both);
        var state = await gateway.GetAsync("signals/bookie/brand1/alice/s-1", key: "nope");

        var answers = new[] { missing, unknown, hashInstead, wrongScheme, twoKeys, state };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Empty(gateway.Simulation.Venue.AllAttempts());
    }

    [Fact]
    public async Task Either_header_form_is_accepted()
    {
        await using var gateway = await GatewayHarness.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "signals") { Content = new StringContent(Body(SignalFor("s-1"))) };
        request.Headers.Add("X-Api-Key", OtherKey);
        var byHeader = await gateway.SendAsync(request);
        var byBearer = await gateway.PostAsync(SignalFor("s-1"), DeskKey);

        Assert.Equal(("executed", "duplicate"), (byHeader["decision"], byBearer["decision"]));
    }

    [Fact]
    public async Task The_keys_name_is_on_the_requests_log_lines_and_in_the_journals_decision_and_no_key_or_hash_is_ever_logged()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.PostAsync(SignalFor("s-1"), DeskKey);
        await gateway.PostAsync(SignalFor("s-2"), OtherKey);
        await gateway.PostAsync(SignalFor("s-3"), "wrong-key-0123");
        await gateway.GetAsync("signals/bookie/brand1/alice/s-1", DeskKey);

        var events = await JournalReader.ReadAsync(gateway.Simulation.Node.System, AccountActor.PersistenceIdFor(Alice));
        Assert.Equal("desk-a", Assert.Single(events.OfType<SignalAccepted>()).SubmittedBy);
        Assert.Equal("desk-b", Assert.Single(events.OfType<SignalDenied>()).SubmittedBy);

        var logged = gateway.Log.Events;
        var answered = logged.Where(e => e.MessageTemplate.Text.StartsWith("Signal {SignalId}", StringComparison.Ordinal)
                                         && e.Properties.ContainsKey(GatewayServer.KeyLogProperty)).ToList();
        Assert.Equal(["\"desk-a\"", "\"desk-b\""], answered.Select(e => e.Properties[GatewayServer.KeyLogProperty].ToString()));
        Assert.Contains(logged, e => e.MessageTemplate.Text.Contains("API key {Refusal}", StringComparison.Ordinal));

        var secrets = new[] { DeskKey, OtherKey, "wrong-key-0123", ApiKeyRing.HashOf(DeskKey), ApiKeyRing.HashOf(OtherKey), ApiKeyRing.HashOf("wrong-key-0123") };
        var everything = string.Join("\n", logged.Select(CapturedLog.AllText));
        Assert.NotEmpty(logged);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(ApiKeyRing.HashOf(DeskKey), Options().ToString());
    }
}
