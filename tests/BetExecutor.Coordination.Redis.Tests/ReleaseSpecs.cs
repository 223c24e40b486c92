using BetExecutor.Coordination.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>Only the holder can free a lease; a restarted node is not the holder its previous incarnation was.</summary>
public sealed class ReleaseSpecs(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    [Fact]
    public async Task A_release_by_a_non_owner_is_refused_and_the_holder_keeps_the_lease()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("not-yours");
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var intruder = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        var third = await kit.NewLeaseAsync(name, "127.0.0.1:4003");
        Assert.True(await holder.Acquire());

        Assert.False(await intruder.Release());

        Assert.Equal(holder.Owner, await kit.HolderAsync(holder));
        Assert.True(holder.CheckLease());
        Assert.False(await third.Acquire());
        Assert.True(await holder.Release());
        Assert.True(await third.Acquire());
    }

    [Fact]
    public async Task A_node_restarted_on_the_same_host_and_port_is_a_new_owner()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("restarted");
        var before = await kit.NewLeaseAsync(name, "127.0.0.1:4001", incarnation: 11);
        var after = await kit.NewLeaseAsync(name, "127.0.0.1:4001", incarnation: 12);
        Assert.True(await before.Acquire());
        Assert.Equal("127.0.0.1:4001#11", await kit.HolderAsync(before));

        Assert.False(await after.Acquire());
        Assert.False(await after.Release());

        Assert.Equal("127.0.0.1:4001#11", await kit.HolderAsync(before));
        Assert.True(before.CheckLease());
    }

    [Fact]
    public async Task A_release_by_the_holder_frees_the_lease_at_once_and_no_lost_callback_follows()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("released");
        var time = new ManualClock();
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001", clock: time);
        var next = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        var lostCalls = 0;
        Assert.True(await holder.Acquire(_ => Interlocked.Increment(ref lostCalls)));

        Assert.True(await holder.Release());

        Assert.False(holder.CheckLease());
        Assert.Null(holder.FencingToken);
        Assert.Null(await kit.HolderAsync(holder));
        Assert.True(await next.Acquire());
        time.Advance(2 * kit.Timings.HeartbeatTimeout); // far past where the holder's deadline was
        Assert.Equal(0, Volatile.Read(ref lostCalls));
        Assert.False(await holder.Release()); // a second release is refused: the lease is the next owner's
        Assert.Equal(next.Owner, await kit.HolderAsync(next));
    }
}
