using System.Net;
using BetExecutor.Gateway.Health;
using BetExecutor.Gateway.Tests.Support;
using static BetExecutor.Gateway.Tests.Support.GatewayHarness;

namespace BetExecutor.Gateway.Tests;

public sealed class RateAndReadinessTests
{
    [Fact]
    public async Task A_key_over_its_rate_is_answered_429_with_retry_after_while_another_key_still_gets_in()
    {
        await using var gateway = await GatewayHarness.StartAsync("rate-limit { requests = 1, per = 1h, burst = 2 }");

        var first = await gateway.PostAsync(SignalFor("s-1"), DeskKey);
        var second = await gateway.PostAsync(SignalFor("s-1"), DeskKey);
        var third = await gateway.PostAsync(SignalFor("s-1"), DeskKey);
        var otherKey = await gateway.PostAsync(SignalFor("s-1"), OtherKey);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("rate-limited", third.Json!["error"]!["code"]!.GetValue<string>());
        Assert.NotNull(third.RetryAfter);
        Assert.True(third.RetryAfter > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, otherKey.Status);
    }

    [Fact]
    public async Task Live_is_200_and_ready_is_200_on_a_node_whose_member_and_an_executor_are_up()
    {
        await using var gateway = await GatewayHarness.StartAsync();

        var live = await gateway.GetAsync("health/live", key: null);
        var ready = await gateway.ReadyAsync();

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.True(ready.Json!["ready"]!.GetValue<bool>());
    }

    /// <summary>
    /// A second actor system, clustered but not yet joined, with the executor role: not ready (its member is not up,
    /// no executor is); once it joins itself, ready. Its readiness is the real cluster check.
    /// </summary>
    [Fact]
    public async Task Ready_goes_from_503_naming_what_is_missing_to_200_once_the_member_and_an_executor_are_up()
    {
        await using var member = LoneMember.Start("executor");
        await using var gateway = await GatewayHarness.StartAsync(readiness: _ => GatewayReadiness.ForCluster(member.System));

        var before = await gateway.GetAsync("health/ready", key: null);
        await member.JoinSelfAsync();
        var after = await gateway.GetAsync("health/ready", key: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
        Assert.Equal(["cluster-member", "executor"], before.Json!["notReady"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("not up", before.Json!["checks"]!["cluster-member"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task A_gateway_only_member_with_no_executor_is_not_ready_and_a_redis_that_does_not_answer_is_named()
    {
        await using var member = LoneMember.Start("gateway");
        await member.JoinSelfAsync();
        // Nothing listens on this port: a PING there is refused, as it is for a Redis that is down.
        var deadRedis = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        deadRedis.Start();
        var port = ((IPEndPoint)deadRedis.LocalEndpoint).Port;
        deadRedis.Stop();
        await using var gateway = await GatewayHarness.StartAsync(readiness: _ => GatewayReadiness.ForCluster(member.System, async ct =>
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
        }));

        var ready = await gateway.GetAsync("health/ready", key: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal(["executor", "redis"], ready.Json!["notReady"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("no cluster member with role executor", ready.Json!["checks"]!["executor"]!.GetValue<string>());
    }
}
