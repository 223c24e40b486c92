using System.Text.RegularExpressions;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Where the plugin's keys land on a real Redis Cluster. That every script touches one slot only is proven by the
/// journal and snapshot specs running on the cluster (a cross-slot script fails there with CROSSSLOT); these specs show
/// the hash tags spread identities over every primary and that the slot function is the cluster's.
/// </summary>
[Collection(SharedRedisClusterCollection.Name)]
public sealed partial class RedisClusterLayoutSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output)
    : JournalProbeKit(TestConfig.For(cluster.ConnectionString, keyPrefix: Prefix), output)
{
    private const string Prefix = "layout:";

    [Fact]
    public async Task Sixty_persistence_ids_spread_over_all_three_primaries_each_whole_on_one_of_them()
    {
        var ids = Enumerable.Range(0, 60).Select(i => NewPersistenceId($"spread-{i}")).ToArray();
        foreach (var id in ids) WriteStored(id, 1, 2);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        var primaries = connection.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToArray();
        Assert.Equal(3, primaries.Length);
        var holders = new Dictionary<string, HashSet<string>>();
        foreach (var primary in primaries)
        {
            await foreach (var key in primary.KeysAsync(pattern: Prefix + "journal:persisted:{spread-*"))
            {
                var tag = HashTag().Match(key.ToString()).Value;
                if (!holders.TryGetValue(tag, out var servers)) holders[tag] = servers = [];
                servers.Add(primary.EndPoint.ToString()!);
            }
        }

        Assert.Equal(ids.Select(RedisKeys.HashTag).Order(), holders.Keys.Order());
        Assert.All(holders.Values, servers => Assert.Single(servers));
        var perPrimary = holders.Values.GroupBy(s => s.Single()).ToDictionary(g => g.Key, g => g.Count());
        Output?.WriteLine("persistence ids per primary: " + string.Join(", ", perPrimary.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(3, perPrimary.Count);
    }

    [Fact]
    public async Task The_slot_function_agrees_with_the_cluster_and_every_slot_holds_its_storage_epoch_stamp()
    {
        WriteStored(NewPersistenceId("stamp"), 1, 1);
        var keys = new RedisKeys(Prefix);
        var node = cluster.Cluster.Nodes[0];
        foreach (var id in new[] { "account|book|brand|login", "}odd{", "pair-1" })
        {
            var key = keys.Events(id).ToString();
            Assert.Equal(ClusterSlot.Of(key).ToString(System.Globalization.CultureInfo.InvariantCulture), await node.CommandAsync("CLUSTER", "KEYSLOT", key));
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        var stamps = 0;
        foreach (var primary in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await foreach (var _ in primary.KeysAsync(pattern: Prefix + "storage-epoch:*")) stamps++;
        Assert.Equal(ClusterSlot.Count, stamps);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex HashTag();
}
