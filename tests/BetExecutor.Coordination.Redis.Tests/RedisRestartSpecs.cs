using Akka.Coordination;
using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>Redis (append-only, fsync always) killed and restarted under a held lease.</summary>
public sealed class RedisRestartSpecs
{
    [Fact]
    public async Task A_held_lease_survives_a_quick_Redis_restart_and_its_heartbeat_carries_on()
    {
        await using var server = await RedisServerProcess.StartNewAsync(durable: true);
        // A long TTL and local validity: the restart must fit in them whatever the machine's load.
        await using var kit = new LeaseKit(server, LeaseTimings.Roomy);
        var name = LeaseKit.NewLeaseName("restart");
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var other = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        Exception? lost = null;
        Assert.True(await holder.Acquire(e => lost = e));
        var token = holder.FencingToken;

        await server.StopAsync();
        await server.StartAsync();
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holder.RenewalConfirmed += () => renewed.TrySetResult();
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(lost);
        Assert.True(holder.CheckLease());
        Assert.Equal(token, holder.FencingToken);
        Assert.False(await Eventually.AcquireWithinAsync(other, TimeSpan.FromMilliseconds(500)));
        Assert.True(await holder.Release());
        Assert.True(await Eventually.AcquireWithinAsync(other, TimeSpan.FromSeconds(10)));
        Assert.Equal(token + 1, other.FencingToken);
    }

    [Fact]
    public async Task A_Redis_down_longer_than_the_local_validity_costs_the_holder_its_lease_and_leasing_works_again_once_it_is_back()
    {
        await using var server = await RedisServerProcess.StartNewAsync(durable: true);
        await using var kit = new LeaseKit(server, LeaseTimings.Fast);
        var name = LeaseKit.NewLeaseName("outage");
        var holder = await kit.NewLeaseAsync(name, "127.0.0.1:4001");
        var other = await kit.NewLeaseAsync(name, "127.0.0.1:4002");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await holder.Acquire(e => lost.TrySetResult(e)));
        var token = holder.FencingToken!.Value;

        await server.StopAsync();
        Assert.IsType<LeaseTimeoutException>(await lost.Task.WaitAsync(5 * kit.Timings.HeartbeatTimeout));
        Assert.False(holder.CheckLease());
        await server.StartAsync();

        // The old key (restored from the append-only file) expires, or the holder takes it again as its own.
        Assert.True(await Eventually.AcquireWithinAsync(holder, 5 * kit.Timings.HeartbeatTimeout));
        var regranted = holder.FencingToken!.Value;
        Assert.True(regranted > token);
        Assert.False(await Eventually.DefiniteAnswerAsync(() => other.Acquire(), TimeSpan.FromSeconds(10)));
        Assert.True(await Eventually.DefiniteAnswerAsync(() => holder.Release(), TimeSpan.FromSeconds(10)));
        Assert.True(await Eventually.DefiniteAnswerAsync(() => other.Acquire(), TimeSpan.FromSeconds(10)));
        Assert.True(other.FencingToken > regranted);
    }
}
