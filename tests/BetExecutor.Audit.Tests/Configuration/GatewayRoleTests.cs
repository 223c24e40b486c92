using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Node.Hosting;
using BetExecutor.Node.Hosting.Membership;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using Serilog.Core;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// Issue 10, item 1: a gateway-only node hosts no account; its shard region proxy (the same registry key) reaches the
/// accounts on the executors, and the membership gate checks it like any member.
/// </summary>
public sealed class GatewayRoleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Task<EmbeddedNode> StartAsync(string name, NodeRoles roles, IReadOnlyList<string>? seeds = null, string? hocon = null)
    {
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default(name), NoObserver.Instance);
        var extra = hocon is null ? null : Akka.Configuration.ConfigurationFactory.ParseString(hocon);
        return EmbeddedNode.StartAsync(new NodeOptions(name, SeedNodes: seeds, ExtraHocon: extra) { Roles = roles }, services, Logger.None);
    }

    [Fact]
    public async Task A_gateway_only_node_reaches_the_accounts_hosted_by_an_executor_and_hosts_none()
    {
        await using var executor = await StartAsync("executor", NodeRoles.ExecutorOnly);
        var seed = Cluster.Get(executor.System).SelfAddress.ToString();
        await using var gateway = await StartAsync("gateway", NodeRoles.GatewayOnly, [seed]);
        var alice = Account("alice");

        var answer = await AskUntilAnsweredAsync<SignalAnswer>(gateway.Accounts, new ExecuteSignal(For(alice, "via-gateway", kickOff: DateTimeOffset.UtcNow.AddHours(6))));
        var status = await gateway.Accounts.Ask<AccountStatus>(new GetAccountStatus(alice), Deadline);

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.Equal(1, status.SignalsSeen);
        var hosted = await executor.Accounts.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Deadline);
        Assert.Contains(alice.Key, hosted.Shards.SelectMany(s => s.EntityIds));
        Assert.Equal(["gateway"], Cluster.Get(gateway.System).SelfMember.Roles.Order());
        Assert.Equal(["executor"], Cluster.Get(executor.System).SelfMember.Roles.Order());
        // The gateway is checked like any member, and found to persist like the executor.
        var gatewayAddress = Cluster.Get(gateway.System).SelfAddress.ToString();
        Assert.True(await UntilAsync(async () => (await TrustedByAsync(executor)).Contains(gatewayAddress)), "the executor never trusted the gateway");
    }

    [Fact]
    public async Task A_gateway_only_node_that_maps_identities_to_other_shards_is_refused()
    {
        await using var executor = await StartAsync("executor", NodeRoles.ExecutorOnly);
        var seed = Cluster.Get(executor.System).SelfAddress.ToString();

        // Another shard count: its proxy would send identities to shards the executors do not hold them in.
        await using var gateway = await StartAsync("gateway", NodeRoles.GatewayOnly, [seed], hocon: "bet-executor.shards = 7");
        var reason = await gateway.Refusal.Refused.WaitAsync(Deadline);

        Assert.Contains("7 shards", reason);
    }

    private static async Task<string> TrustedByAsync(EmbeddedNode node) =>
        await node.System.ActorSelection($"/user/{MembershipGate.Name}").Ask<string>(MembershipGate.TrustedQuery, TimeSpan.FromSeconds(5));

    /// <summary>The proxy may ask before the coordinator knows the executor's region: asked again until answered.</summary>
    private static async Task<T> AskUntilAnsweredAsync<T>(IActorRef region, object message)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                return await region.Ask<T>(message, TimeSpan.FromSeconds(5));
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < until)
            {
            }
        }
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
