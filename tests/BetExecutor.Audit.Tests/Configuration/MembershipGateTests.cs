using Akka.Actor;
using Akka.Cluster;
using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Node.Hosting;
using BetExecutor.Node.Hosting.Membership;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Serilog.Core;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// Issue 8, item 9: a member whose persistence differs from the cluster's is refused. Three real actor systems on
/// loopback and one real Redis: a member with the same key prefix joins and is trusted; one with another prefix is
/// removed from the cluster and told why.
/// </summary>
public sealed class MembershipGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static Task<EmbeddedNode> StartAsync(string name, string redis, string keyPrefix, IReadOnlyList<string>? seeds = null)
    {
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default(name), NoObserver.Instance);
        return EmbeddedNode.StartAsync(new NodeOptions(name, SeedNodes: seeds, RedisConnectionString: redis, RedisKeyPrefix: keyPrefix), services, Logger.None);
    }

    [Fact]
    public async Task A_member_with_another_key_prefix_is_refused_and_one_with_the_same_is_trusted()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var first = await StartAsync("first", redis.ConnectionString, "betexecutor:");
        var seed = Cluster.Get(first.System).SelfAddress.ToString();

        await using var same = await StartAsync("same", redis.ConnectionString, "betexecutor:", [seed]);
        var sameAddress = Cluster.Get(same.System).SelfAddress;
        Assert.True(await UntilAsync(async () => (await TrustedByAsync(first)).Contains(sameAddress.ToString())), "the first node never trusted a member persisting like it");

        await using var other = await StartAsync("other", redis.ConnectionString, "elsewhere:", [seed]);
        var otherAddress = Cluster.Get(other.System).SelfAddress;
        var reason = await other.Refusal.Refused.WaitAsync(Deadline);

        Assert.Contains("key prefix 'elsewhere:'", reason);
        Assert.Contains("key prefix 'betexecutor:'", reason);
        Assert.True(await UntilAsync(() => Task.FromResult(Cluster.Get(first.System).State.Members.All(m => m.Address != otherAddress))),
            "the refused member is still in the cluster");
        Assert.Null(same.Refusal.Reason);
        Assert.Contains(Cluster.Get(first.System).State.Members, m => m.Address == sameAddress && m.Status == MemberStatus.Up);
        Assert.DoesNotContain(otherAddress.ToString(), await TrustedByAsync(first));
    }

    private static async Task<string> TrustedByAsync(EmbeddedNode node) =>
        await node.System.ActorSelection($"/user/{MembershipGate.Name}").Ask<string>(MembershipGate.TrustedQuery, TimeSpan.FromSeconds(5));

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return false;
    }
}
