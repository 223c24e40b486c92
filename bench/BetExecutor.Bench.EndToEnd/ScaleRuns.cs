using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using BetExecutor.Actors.Accounts;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>Node memory per identity, and how many accounts the node holds; read the same way for every figure.</summary>
internal static class ScaleRuns
{
    /// <summary>Managed heap after full blocking collections: what the node's objects hold, not what the GC has reserved.</summary>
    public static long HeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>How many account entities the node's shards hold right now.</summary>
    public static async Task<int> LiveAccountsAsync(BenchNode node)
    {
        var stats = await node.Accounts.Ask<ShardRegionStats>(GetShardRegionStats.Instance, TimeSpan.FromSeconds(30));
        return stats.Stats.Values.Sum();
    }

    /// <summary>Until no account is live any more (each passivated itself), or <paramref name="limit"/>; the time it took.</summary>
    public static async Task<TimeSpan> UntilAllPassivatedAsync(BenchNode node, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (await LiveAccountsAsync(node) > 0)
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"{await LiveAccountsAsync(node)} accounts still live after {limit}");
            await Task.Delay(200);
        }
        return clock.Elapsed;
    }

    /// <summary>Asks every identity numbered 1..<paramref name="identities"/> for its status, all at once; how many hold their pair in flight.</summary>
    public static async Task<int> AllAnsweringAsync(BenchNode node, int identities)
    {
        var answers = await Task.WhenAll(Enumerable.Range(1, identities).Select(i =>
            node.Accounts.Ask<AccountStatus>(new GetAccountStatus(BenchNode.IdentityNumber(i)), TimeSpan.FromMinutes(2))));
        return answers.Count(a => a.PairsInFlight.Count == 1);
    }
}
