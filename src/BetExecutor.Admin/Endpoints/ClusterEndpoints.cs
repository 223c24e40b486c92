using System.Text.Json.Nodes;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using BetExecutor.Admin.Cluster;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using BetExecutor.Http;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace BetExecutor.Admin.Endpoints;

/// <summary><c>/cluster</c>: membership as this node sees it, leave and down, and the live tail of membership events.</summary>
internal sealed class ClusterEndpoints(ClusterAsk ask, MembershipWatch watch, long maxBody)
{
    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(ask.Cluster.System);

    public JsonObject Show()
    {
        var cluster = Cluster;
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new JsonObject
        {
            ["self"] = cluster.SelfAddress.ToString(),
            ["leader"] = state.Leader?.ToString(),
            ["members"] = AdminJson.Array(state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).Select(m => (JsonNode)new JsonObject
            {
                ["address"] = m.Address.ToString(),
                ["roles"] = MembershipJson.Roles(m),
                ["status"] = MembershipJson.Status(m.Status),
                ["reachable"] = !unreachable.Contains(m.Address),
                ["upSince"] = AdminJson.Instant(watch.UpSince(m.Address)),
                ["isLeader"] = m.Address.Equals(state.Leader),
                ["isSelf"] = m.Address.Equals(cluster.SelfAddress),
            })),
            ["unreachable"] = AdminJson.Array(unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).Select(a => (JsonNode)a)),
        };
    }

    /// <summary><c>leave</c> or <c>down</c> a member named by its address; 404 when no member has it.</summary>
    public async Task<JsonObject> ActAsync(HttpContext context, string action, string by, ILogger log)
    {
        var text = await RequestBody.RequiredTextAsync(context, maxBody, "address", 300);
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw AdminRefusal.BadRequest("address", $"address: '{text}' is not a member address (akka.tcp://SYSTEM@HOST:PORT)");
        }
        var cluster = Cluster;
        if (!cluster.State.Members.Any(m => m.Address.Equals(address)))
            throw AdminRefusal.NotFound($"no member has the address {address}: see GET /cluster");
        if (action == "leave") cluster.Leave(address);
        else cluster.Down(address);
        log.Warning("Operator action {Action} on member {Member} by {Operator}", action, address.ToString(), by);
        return new JsonObject { ["address"] = address.ToString(), ["action"] = action, ["by"] = by };
    }

    /// <summary>NDJSON until the client goes away: the current members, then one line per membership or reachability event.</summary>
    public async Task TailAsync(HttpContext context)
    {
        var lines = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        var system = ask.Cluster.System;
        var tail = system.ActorOf(Props.Create(() => new Tail(lines.Writer, ask.Cluster.Clock)));
        try
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/x-ndjson; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await response.Body.FlushAsync(context.RequestAborted);
            await foreach (var line in lines.Reader.ReadAllAsync(context.RequestAborted))
            {
                await response.WriteAsync(line.ToJsonString() + "\n", context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The operator closed the tail.
        }
        finally
        {
            system.Stop(tail);
        }
    }

    private sealed class Tail : ReceiveActor
    {
        public Tail(ChannelWriter<JsonObject> lines, Actors.Time.IExecutorClock clock)
        {
            JsonObject Line(string kind, Member? member, Address? address = null) => new()
            {
                ["time"] = AdminJson.Instant(clock.UtcNow),
                ["kind"] = kind,
                ["address"] = (member?.Address ?? address)?.ToString(),
                ["status"] = member is null ? null : MembershipJson.Status(member.Status),
                ["roles"] = member is null ? null : MembershipJson.Roles(member),
            };
            Receive<ClusterEvent.CurrentClusterState>(state =>
            {
                foreach (var member in state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)) lines.TryWrite(Line("member-state", member));
            });
            Receive<ClusterEvent.MemberJoined>(e => lines.TryWrite(Line("member-joined", e.Member)));
            Receive<ClusterEvent.MemberUp>(e => lines.TryWrite(Line("member-up", e.Member)));
            Receive<ClusterEvent.MemberWeaklyUp>(e => lines.TryWrite(Line("member-weakly-up", e.Member)));
            Receive<ClusterEvent.MemberLeft>(e => lines.TryWrite(Line("member-left", e.Member)));
            Receive<ClusterEvent.MemberExited>(e => lines.TryWrite(Line("member-exited", e.Member)));
            Receive<ClusterEvent.MemberDowned>(e => lines.TryWrite(Line("member-downed", e.Member)));
            Receive<ClusterEvent.MemberRemoved>(e => lines.TryWrite(Line("member-removed", e.Member)));
            Receive<ClusterEvent.UnreachableMember>(e => lines.TryWrite(Line("unreachable", e.Member)));
            Receive<ClusterEvent.ReachableMember>(e => lines.TryWrite(Line("reachable", e.Member)));
            Receive<ClusterEvent.LeaderChanged>(e => lines.TryWrite(Line("leader-changed", null, e.Leader)));
            ReceiveAny(_ => { });
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
