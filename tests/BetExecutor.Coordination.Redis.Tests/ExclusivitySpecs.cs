using BetExecutor.Coordination.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>Only one owner at a time, however many ask at once.</summary>
public sealed class ExclusivitySpecs(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    private const int Rounds = 25;
    private const int Owners = 6;

    [Fact]
    public async Task Exactly_one_of_many_owners_racing_for_a_free_lease_is_granted_round_after_round()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var nodes = await kit.NodesAsync(Owners);
        for (var round = 0; round < Rounds; round++)
        {
            var name = LeaseKit.NewLeaseName("race");
            var contenders = nodes.Select(node => node.NewLease(name)).ToList();

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = contenders.Select(lease => Task.Run(async () =>
            {
                await start.Task;
                return await lease.Acquire();
            })).ToList();
            start.SetResult();
            var granted = await Task.WhenAll(attempts);

            var winners = contenders.Where((_, i) => granted[i]).ToList();
            var winner = Assert.Single(winners);
            Assert.True(winner.CheckLease());
            Assert.All(contenders.Where(c => c != winner), loser => Assert.False(loser.CheckLease()));
            Assert.Equal(winner.Owner, await kit.HolderAsync(winner));
            Assert.Equal(await kit.StoredTokenAsync(winner), winner.FencingToken);
            Assert.True(await winner.Release());
        }
    }

    [Fact]
    public async Task Under_contention_holders_never_overlap_and_every_grant_has_a_larger_token_than_the_one_before()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("hand-over");
        var contenders = (await kit.NodesAsync(Owners)).Select(node => node.NewLease(name)).ToList();
        const int grantsWanted = 40;

        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(2); // a bound for a stuck run, not a speed check
        var inside = 0;
        var overlaps = 0;
        var tokensInGrantOrder = new List<long>();
        var loops = contenders.Select(lease => Task.Run(async () =>
        {
            while (Count(tokensInGrantOrder) < grantsWanted && DateTime.UtcNow < giveUpAt)
            {
                bool granted;
                try
                {
                    granted = await lease.Acquire();
                }
                catch (Akka.Coordination.LeaseTimeoutException)
                {
                    granted = false; // outcome unknown under load: this owner does not count itself as holder
                }
                if (!granted)
                {
                    await Task.Delay(1);
                    continue;
                }
                if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                lock (tokensInGrantOrder) tokensInGrantOrder.Add(lease.FencingToken!.Value);
                await Task.Delay(Random.Shared.Next(0, 3));
                Interlocked.Decrement(ref inside);
                try
                {
                    Assert.True(await lease.Release());
                }
                catch (Akka.Coordination.LeaseTimeoutException)
                {
                    // Outcome unknown under load: the key then expires after the heartbeat-timeout.
                }
            }
        })).ToList();
        await Task.WhenAll(loops);

        Assert.Equal(0, overlaps);
        Assert.True(tokensInGrantOrder.Count >= grantsWanted);
        for (var i = 1; i < tokensInGrantOrder.Count; i++)
            Assert.True(tokensInGrantOrder[i] > tokensInGrantOrder[i - 1],
                $"grant {i} got token {tokensInGrantOrder[i]}, not above {tokensInGrantOrder[i - 1]}");
    }

    private static int Count(List<long> tokens)
    {
        lock (tokens) return tokens.Count;
    }
}
