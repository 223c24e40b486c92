using System.Net;
using System.Text.Json.Nodes;
using BetExecutor.Admin.Tests.Support;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>cluster show / leave / down / events and the sharding queries, answered from the node's own cluster.</summary>
public sealed class ClusterAndShardingTests
{
    [Fact]
    public async Task Cluster_show_lists_the_member_and_leave_or_down_refuse_what_is_not_a_member()
    {
        await using var admin = await AdminHarness.StartAsync();
        var self = admin.SelfAddress;

        var shown = await admin.GetAsync("cluster");
        var noAddress = await admin.PostAsync("cluster/leave", new { });
        var notAnAddress = await admin.PostAsync("cluster/down", new { address = "not an address" });
        var stranger = await admin.PostAsync("cluster/down", new { address = "akka.tcp://betexecutor@127.0.0.1:1" });
        var wrongMethod = await admin.GetAsync("cluster/leave");
        var unknownPath = await admin.GetAsync("clusters");

        Assert.Equal((self, self), (shown["self"], shown["leader"]));
        var member = Assert.Single(shown.Json!["members"]!.AsArray());
        Assert.Equal((self, "up", true, true, true),
            (member!["address"]!.GetValue<string>(), member["status"]!.GetValue<string>(), member["reachable"]!.GetValue<bool>(),
             member["isLeader"]!.GetValue<bool>(), member["isSelf"]!.GetValue<bool>()));
        Assert.Equal(["executor", "gateway"], member["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.NotNull(member["upSince"]);
        Assert.Empty(shown.Json!["unreachable"]!.AsArray());
        Assert.Equal((HttpStatusCode.BadRequest, "address"), (noAddress.Status, noAddress.ErrorField));
        Assert.Equal((HttpStatusCode.BadRequest, "address"), (notAnAddress.Status, notAnAddress.ErrorField));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (stranger.Status, stranger.ErrorCode));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknownPath.Status, unknownPath.ErrorCode));
    }

    [Fact]
    public async Task Cluster_events_streams_the_current_members_then_a_leave_of_the_node_as_it_happens()
    {
        await using var admin = await AdminHarness.StartAsync();
        var self = admin.SelfAddress;
        using var tail = new HttpRequestMessage(HttpMethod.Get, "cluster/events");
        tail.Headers.Authorization = new("Bearer", OpsToken);
        using var response = await admin.Http.SendAsync(tail, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = JsonNode.Parse((await reader.ReadLineAsync())!)!;
        var left = await admin.PostAsync("cluster/leave", new { address = self });
        var next = JsonNode.Parse((await reader.ReadLineAsync())!)!;

        Assert.Equal("application/x-ndjson; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(("member-state", self, "up"), (first["kind"]!.GetValue<string>(), first["address"]!.GetValue<string>(), first["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "leave", "ops-anna"), (left.Status, left["action"], left["by"]));
        Assert.Equal(("member-left", self), (next["kind"]!.GetValue<string>(), next["address"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sharding_shows_the_accounts_shards_and_where_an_identity_runs_without_starting_one()
    {
        await using var admin = await AdminHarness.StartAsync();
        var self = admin.SelfAddress;
        admin.ScriptSettling(SignalFor("s-1"));
        await admin.Simulation.ExecuteAsync(SignalFor("s-1"));

        var regions = await admin.GetAsync("sharding/regions");
        var where = await admin.GetAsync("sharding/where/bookie/brand1/alice");
        var nowhere = await admin.GetAsync("sharding/where/bookie/brand1/nobody");
        var stats = await admin.GetAsync("sharding/stats");
        var bad = await admin.GetAsync("sharding/where/bookie/brand1/a%2Fb");

        var region = Assert.Single(regions.Json!.AsArray());
        Assert.Equal(self, region!["address"]!.GetValue<string>());
        Assert.True(region["shards"]!.GetValue<int>() >= 1);
        Assert.Equal(("bookie/brand1/alice", self, "true"), (where["identity"], where["node"], where["started"]));
        Assert.Equal("false", nowhere["started"]);
        // Asking where "nobody" runs started nothing: only the accounts that were sent something are running.
        Assert.Equal(1, stats.Json!["totalIdentities"]!.GetValue<int>());
        Assert.Equal(1, region["identities"]!.GetValue<int>());
        var shards = stats.Json!["regions"]![0]!["shards"]!.AsArray();
        Assert.Equal(where["shardId"], Assert.Single(shards)!["shardId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }
}
