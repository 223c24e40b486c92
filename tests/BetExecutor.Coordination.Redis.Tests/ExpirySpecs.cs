using BetExecutor.Coordination.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>A lease lives as long as its owner heartbeats, and expires when the owner dies without releasing it.</summary>
public sealed class ExpirySpecs(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    [Fact]
    public async Task A_lease_whose_owner_died_without_releasing_goes_to_another_owner_after_the_heartbeat_timeout()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Fast);
        var name = LeaseKit.NewLeaseName("dead-owner");
        var dying = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var survivor = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        Assert.True(await dying.Acquire());
        var deadOwnersToken = dying.FencingToken!.Value;

        dying.Dispose(); // heartbeats stop, nothing is released: what a crashed node leaves behind

        Assert.False(await survivor.Acquire()); // the key still lives for up to a heartbeat-timeout
        Assert.True(await Eventually.AcquireWithinAsync(survivor, 5 * kit.Timings.HeartbeatTimeout));
        Assert.Equal(survivor.Owner, await kit.HolderAsync(survivor));
        Assert.True(survivor.FencingToken > deadOwnersToken);
    }

    [Fact]
    public async Task A_heartbeating_owner_keeps_its_lease_well_past_the_heartbeat_timeout()
    {
        // A roomy local validity (2.2 s against 400 ms renewals), so a loaded machine's slow renewal is not a loss.
        await using var kit = new LeaseKit(redis.Server, new LeaseTimings(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2)));
        var name = LeaseKit.NewLeaseName("kept");
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var other = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        Exception? lost = null;
        Assert.True(await holder.Acquire(e => lost = e));
        var token = holder.FencingToken;

        var until = DateTime.UtcNow + 1.5 * kit.Timings.HeartbeatTimeout;
        while (DateTime.UtcNow < until)
        {
            Assert.False(await Eventually.DefiniteAnswerAsync(() => other.Acquire(), TimeSpan.FromSeconds(10)));
            await Task.Delay(250);
        }

        Assert.Null(lost);
        Assert.True(holder.CheckLease());
        Assert.Equal(token, holder.FencingToken);
        Assert.Equal(holder.Owner, await kit.HolderAsync(holder));
    }
}
