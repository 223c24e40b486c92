using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster.Sharding;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Cluster;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Admin.Endpoints;

/// <summary>
/// <c>/sharding</c>: the account shards per member (GetClusterShardingStats through the region or proxy), and where
/// one identity's account runs (GetShardRegionState of every executor's region: asking never starts the account).
/// </summary>
internal sealed class ShardingEndpoints(ClusterAsk ask)
{
    public async Task<JsonArray> RegionsAsync()
    {
        var stats = await StatsOfAsync();
        var members = Akka.Cluster.Cluster.Get(ask.Cluster.System).State.Members.ToDictionary(m => m.Address);
        return AdminJson.Array(stats.Select(r => (JsonNode)new JsonObject
        {
            ["address"] = r.Address.ToString(),
            ["roles"] = members.TryGetValue(r.Address, out var member) ? MembershipJson.Roles(member) : new JsonArray(),
            ["shards"] = r.Shards.Count,
            ["identities"] = r.Shards.Sum(s => s.Value),
        }));
    }

    public async Task<JsonObject> StatsAsync()
    {
        var stats = await StatsOfAsync();
        return new JsonObject
        {
            ["regions"] = AdminJson.Array(stats.Select(r => (JsonNode)new JsonObject
            {
                ["address"] = r.Address.ToString(),
                ["shards"] = AdminJson.Array(r.Shards.OrderBy(s => ShardOrder(s.Key)).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => (JsonNode)new JsonObject { ["shardId"] = s.Key, ["identities"] = s.Value })),
            })),
            ["totalShards"] = stats.Sum(r => r.Shards.Count),
            ["totalIdentities"] = stats.Sum(r => r.Shards.Sum(s => s.Value)),
        };
    }

    public async Task<JsonObject> WhereAsync(Identity identity)
    {
        var shardId = new AccountMessageExtractor(ask.Cluster.Shards).ShardId(identity.Key);
        var executors = ask.Executors();
        var states = await Task.WhenAll(executors.Select(async member =>
        {
            var region = ask.Cluster.System.ActorSelection(new RootActorPath(member.Address) / "system" / "sharding" / AccountMessageExtractor.TypeName);
            var state = await ask.AskAsync<CurrentShardRegionState>(region, GetShardRegionState.Instance, $"the shard region of {member.Address}");
            return (member.Address, state);
        }));
        var hosting = states.FirstOrDefault(s => s.state.Shards.Any(shard => shard.ShardId == shardId));
        var started = hosting.state?.Shards.First(shard => shard.ShardId == shardId).EntityIds.Contains(identity.Key) ?? false;
        return new JsonObject
        {
            ["identity"] = identity.Key,
            ["shardId"] = shardId,
            ["node"] = hosting.state is null ? null : hosting.Address.ToString(),
            ["started"] = started,
        };
    }

    private async Task<IReadOnlyList<(Address Address, IReadOnlyDictionary<string, int> Shards)>> StatsOfAsync()
    {
        var stats = await ask.AskAsync<ClusterShardingStats>(ask.Cluster.Accounts, new GetClusterShardingStats(ask.Timeout), "the shard coordinator",
            ask.Timeout + TimeSpan.FromSeconds(1));
        return stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => (r.Key, (IReadOnlyDictionary<string, int>)r.Value.Stats.ToDictionary(s => s.Key, s => s.Value)))
            .ToArray();
    }

    /// <summary>Shard ids are numbers: sorted as numbers, anything else after them.</summary>
    private static long ShardOrder(string shardId) => long.TryParse(shardId, out var n) ? n : long.MaxValue;
}
