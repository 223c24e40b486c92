using System.Net;
using BetExecutor.Gateway.Tests.Support;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

/// <summary>GET /signals/{provider}/{whitelabel}/{account}/{signalId}: the first decision and where the pair stands.</summary>
public sealed class SignalStateTests
{
    private const string Path = "signals/bookie/brand1/alice/";

    [Fact]
    public async Task A_signals_pair_is_in_flight_until_time_settles_it_then_settled()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var signal = SignalFor("s-1");
        gateway.ScriptSettling(signal);
        await gateway.PostAsync(signal);
        await gateway.SettledAsync();

        var running = await gateway.GetAsync(Path + "s-1");
        await gateway.Simulation.RunUntilQuietAsync(Start.AddDays(1));
        var settled = await gateway.GetAsync(Path + "s-1");

        Assert.Equal(HttpStatusCode.OK, running.Status);
        Assert.Equal(("s-1", "executed"), (running["signalId"], running["decision"]));
        Assert.Equal("in-flight", running.Json!["pair"]!["state"]!.GetValue<string>());
        Assert.True(running.Json!["pair"]!["hedged"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, settled.Status);
        Assert.Equal(("settled", "settled"), (settled.Json!["pair"]!["state"]!.GetValue<string>(), settled.Json!["pair"]!["outcome"]!.GetValue<string>()));
        Assert.Equal("2030-06-01T12:00:00+00:00", settled["decidedAt"]);
    }

    [Fact]
    public async Task A_rejected_signal_stands_rejected_with_its_reason()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.PostAsync(SignalFor("s-1"));
        await gateway.PostAsync(SignalFor("s-2"));

        var state = await gateway.GetAsync(Path + "s-2");

        Assert.Equal(("rejected", "cooldown"), (state["decision"], state["reason"]));
        Assert.Equal("rejected", state.Json!["pair"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signal_id_the_identity_never_saw_is_404_and_one_another_identity_saw_too()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.PostAsync(SignalFor("s-1"));

        var unseen = await gateway.GetAsync(Path + "s-404");
        var otherIdentity = await gateway.GetAsync("signals/bookie/brand1/bob/s-1");

        Assert.Equal(HttpStatusCode.NotFound, unseen.Status);
        Assert.Equal("signal-not-found", unseen.Json!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, otherIdentity.Status);
    }

    [Theory]
    [InlineData("signals/bookie/br%2Aand%7C1/alice/s-1", "whitelabel")]
    [InlineData("signals/bookie/brand1/alice/s%21-1", "signalId")]
    [InlineData("signals/bo%21kie/brand1/alice/s-1", "provider")]
    public async Task A_bad_path_part_is_400_naming_it(string path, string field)
    {
        await using var gateway = await GatewayHarness.StartAsync();

        var answer = await gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(field, answer.Json!["error"]!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
    }
}
