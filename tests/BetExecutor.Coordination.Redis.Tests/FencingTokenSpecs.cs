using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>Every grant takes the next fencing token, atomically with the grant; tokens never go back.</summary>
public sealed class FencingTokenSpecs(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    [Fact]
    public async Task Each_grant_takes_exactly_the_next_token_and_refusals_renewals_and_releases_take_none()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("tokens");
        var a = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var b = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.RenewalConfirmed += () => renewed.TrySetResult();

        Assert.True(await a.Acquire());
        var first = a.FencingToken!.Value;
        for (var i = 0; i < 3; i++) Assert.False(await b.Acquire());
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(first, a.FencingToken);
        Assert.Equal(first, await kit.StoredTokenAsync(a));

        Assert.True(await a.Release());
        Assert.Null(a.FencingToken);
        Assert.Equal(first, await kit.StoredTokenAsync(a));
        Assert.True(await b.Acquire());
        Assert.Equal(first + 1, b.FencingToken);
        Assert.False(await a.Acquire());
        Assert.True(await b.Release());
        Assert.True(await a.Acquire());
        Assert.Equal(first + 2, a.FencingToken);
        Assert.Equal(first + 2, await kit.StoredTokenAsync(a));
    }

    [Fact]
    public async Task Acquiring_a_lease_the_owner_already_holds_is_no_new_grant()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("held"));
        Assert.True(await lease.Acquire());
        var token = lease.FencingToken;

        Assert.True(await lease.Acquire());

        Assert.Equal(token, lease.FencingToken);
        Assert.Equal(token, await kit.StoredTokenAsync(lease));
    }

    [Fact]
    public async Task Tokens_keep_growing_when_Redis_lost_its_data()
    {
        await using var kit = new LeaseKit(redis.Server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("flushed");
        var lease = await kit.NewLeaseAsync(name);
        Assert.True(await lease.Acquire());
        Assert.True(await lease.Release());
        Assert.True(await lease.Acquire());
        var beforeLoss = lease.FencingToken!.Value;
        Assert.True(await lease.Release());

        // A Redis restarted without persistence: the counter is gone along with everything else.
        await (await kit.AdminAsync()).KeyDeleteAsync([lease.Keys.Lease, lease.Keys.Token]);

        Assert.True(await lease.Acquire());
        Assert.True(lease.FencingToken > beforeLoss, $"token {lease.FencingToken} after the loss, {beforeLoss} before");
    }

    [Fact]
    public async Task A_lease_key_and_its_token_counter_hash_to_one_Redis_Cluster_slot()
    {
        foreach (var name in new[] { "betexecutor-shard-account-17", "sbr", "a:b:c", LeaseKit.NewLeaseName("slot") })
        {
            var keys = LeaseKeys.For("betexecutor:", name);
            Assert.Equal(ClusterSlot.Of(keys.Lease!), ClusterSlot.Of(keys.Token!));
        }
        Assert.Throws<ArgumentException>(() => LeaseKeys.For("p:", ""));
        Assert.Throws<ArgumentException>(() => LeaseKeys.For("p:", "}x"));
        await Task.CompletedTask;
    }
}

/// <summary>Tokens survive a Redis restart that keeps its append-only file.</summary>
public sealed class DurableFencingTokenSpecs
{
    [Fact]
    public async Task Tokens_and_the_held_lease_survive_a_Redis_restart_with_its_append_only_file()
    {
        await using var server = await RedisServerProcess.StartNewAsync(durable: true);
        // A long TTL: the held key must outlive the restart whatever the machine's load.
        await using var kit = new LeaseKit(server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("durable");
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var other = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        Assert.True(await holder.Acquire());
        Assert.True(await holder.Release());
        Assert.True(await holder.Acquire());
        var lastToken = holder.FencingToken!.Value;

        await server.StopAsync(); // killed, as a crash would
        await server.StartAsync();
        var renewedAfterRestart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holder.RenewalConfirmed += () => renewedAfterRestart.TrySetResult();

        // The counter came back from the append-only file (not re-seeded from the clock) ...
        Assert.True(await Eventually.TrueWithinAsync(async () =>
        {
            try { return await kit.StoredTokenAsync(holder) == lastToken; }
            catch (StackExchange.Redis.RedisConnectionException) { return false; }
        }, TimeSpan.FromSeconds(10)));
        // ... and so did the holder: nobody else is granted the lease meanwhile.
        Assert.False(await Eventually.AcquireWithinAsync(other, TimeSpan.FromMilliseconds(500)));
        await renewedAfterRestart.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the holder's heartbeat reached the restarted Redis
        Assert.True(holder.CheckLease());
        Assert.True(await holder.Release());
        Assert.True(await Eventually.AcquireWithinAsync(other, TimeSpan.FromSeconds(10)));
        Assert.Equal(lastToken + 1, other.FencingToken);
    }
}
