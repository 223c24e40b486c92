using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// Issue 11: the global kill switch on a real cluster. Switched on through a gateway node's admin API while a pair is
/// in flight, every executor confirms it and refuses new signals; the pair in flight still hedges and settles.
/// Judged from the venue's book.
/// </summary>
public sealed class KillSwitchClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Halt_all_stops_new_positives_on_every_executor_while_the_pair_in_flight_still_hedges_and_settles()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 2, gateways: 1);
        var gatewayNode = rig.Cluster.Gateways.Single();
        using var admin = Admin(gatewayNode.Spec.AdminUrl, rig.Cluster.AdminToken.Secret);
        var inFlight = new TestSignal("ks-in-flight", Identity.Create("bookie", "brand1", "flyer"));
        // The hedge's answer is held until the executor gives up on it (6 s) and finds it by lookup: the pair is in
        // flight, its positive placed and its hedge not confirmed, while the switch goes on.
        await rig.ScriptPairAsync(inFlight, hedge: "timeout-placed");
        Assert.Equal("executed", (await rig.Gateway.PostAsync(inFlight)).Decision);

        var halted = await PostAsync(admin, "halt-all", """{"reason": "cluster test: stop everything"}""");
        var stateWhenHalted = await rig.Gateway.GetAsync(inFlight);
        var late = Enumerable.Range(1, 6).Select(i => new TestSignal($"ks-late-{i}", Identity.Create("bookie", "brand1", $"late-{i}"))).ToList();
        foreach (var signal in late) await rig.ScriptPairAsync(signal);
        var refusals = new List<GatewayAnswer>();
        foreach (var signal in late) refusals.Add(await rig.Gateway.PostAsync(signal));
        var final = await rig.FinalStateAsync(inFlight, TimeSpan.FromSeconds(90));
        var book = await rig.BookAsync();

        output.WriteLine($"halt-all: {halted.ToJsonString()}");
        Assert.Equal("in-flight", stateWhenHalted?.PairState);
        Assert.True(halted["halted"]!.GetValue<bool>());
        var nodes = halted["nodes"]!.AsArray();
        Assert.Equal(rig.Executors.Select(e => e.Spec.Address).Order(), nodes.Select(n => n!["address"]!.GetValue<string>()).Order());
        Assert.All(nodes, n => Assert.True(n!["acknowledged"]!.GetValue<bool>(), n.ToJsonString()));
        Assert.All(refusals, r => Assert.Equal(("rejected", "halted-globally"), (r.Decision, r.Reason)));
        Assert.Equal("settled", final.PairState);
        Assert.NotNull(book.Bet(inFlight.PositiveReference));
        Assert.NotNull(book.Bet(inFlight.HedgeReference));
        Assert.All(late, s => Assert.Null(book.Bet(s.PositiveReference)));
        // Every executor's own admin API reports the switch as applied there.
        foreach (var executor in rig.Executors)
        {
            using var own = Admin(executor.Spec.AdminUrl, rig.Cluster.AdminToken.Secret);
            var shown = JsonNode.Parse(await own.GetStringAsync("kill-switch"))!;
            Assert.All(shown["nodes"]!.AsArray(), n => Assert.Equal("halted", n!["state"]!.GetValue<string>()));
        }
        rig.Passed = true;
    }

    private static HttpClient Admin(Uri url, string token)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonNode> PostAsync(HttpClient admin, string path, string body)
    {
        using var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
