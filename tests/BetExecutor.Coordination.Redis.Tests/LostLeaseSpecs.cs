using System.Diagnostics;
using Akka.Coordination;
using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>
/// An owner whose renewals Redis stops confirming gives the lease up on its own, before the key can expire and go
/// to someone else. Each test freezes a redis-server of its own with SIGSTOP.
/// </summary>
public sealed class LostLeaseSpecs
{
    [Fact]
    public async Task The_lost_callback_fires_while_Redis_is_paused_and_before_the_key_can_expire_there()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Steady);
        var clock = Stopwatch.StartNew();
        var lostAt = new TaskCompletionSource<(TimeSpan At, Exception Reason, bool CheckLease)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("paused"));
        Assert.True(await lease.Acquire(reason => lostAt.TrySetResult((clock.Elapsed, reason, lease.CheckLease()))));

        // The key cannot expire in Redis before (time the TTL was read) + (TTL read): renewals only push it further out.
        var askedAt = clock.Elapsed;
        var ttl = await (await kit.AdminAsync()).KeyTimeToLiveAsync(lease.Keys.Lease);
        var keyExpiresNoSoonerThan = askedAt + ttl!.Value;

        await using (await RedisPause.PauseAsync(server))
        {
            Assert.True(await Eventually.CompletesWithinAsync(lostAt.Task, 3 * kit.Timings.HeartbeatTimeout),
                "no lease-lost callback while Redis was paused");
        }

        var (at, reason, checkLeaseInCallback) = await lostAt.Task;
        Assert.IsType<LeaseTimeoutException>(reason);
        Assert.False(checkLeaseInCallback);
        Assert.False(lease.CheckLease());
        Assert.Null(lease.FencingToken);
        Assert.True(at < keyExpiresNoSoonerThan,
            $"lost at {at.TotalMilliseconds:F0} ms, but the key could expire from {keyExpiresNoSoonerThan.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task With_no_renewal_confirmed_the_lease_is_lost_exactly_at_timeout_minus_two_intervals_after_the_grant_was_sent()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Steady);
        var time = new ManualClock();
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("deadline"), clock: time);
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(reason => lost.TrySetResult(reason)));

        await using (await RedisPause.PauseAsync(server))
        {
            time.Advance(kit.Timings.LocalValidity - TimeSpan.FromMilliseconds(1)); // renewals go out and are never answered
            Assert.True(lease.CheckLease());
            Assert.False(lost.Task.IsCompleted);

            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.False(lease.CheckLease());
            Assert.IsType<LeaseTimeoutException>(await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task A_confirmed_renewal_moves_the_deadline_to_its_own_send_time_plus_timeout_minus_two_intervals()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Steady);
        var time = new ManualClock();
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("renewed"), clock: time);
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lease.RenewalConfirmed += () => renewed.TrySetResult();
        Assert.True(await lease.Acquire(reason => lost.TrySetResult(reason)));

        time.Advance(kit.Timings.HeartbeatInterval); // the first renewal is sent now, at grant + interval
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await using (await RedisPause.PauseAsync(server))
        {
            // Past the grant's own deadline, still inside the renewal's.
            time.Advance(kit.Timings.LocalValidity - TimeSpan.FromMilliseconds(1));
            Assert.True(lease.CheckLease());
            Assert.False(lost.Task.IsCompleted);

            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.False(lease.CheckLease());
            Assert.IsType<LeaseTimeoutException>(await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task A_renewal_answered_only_after_the_deadline_does_not_bring_the_lease_back()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Steady);
        var time = new ManualClock();
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("late-renewal"), clock: time);
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var renewals = 0;
        lease.RenewalConfirmed += () => Interlocked.Increment(ref renewals);
        Assert.True(await lease.Acquire(reason => lost.TrySetResult(reason)));
        var token = lease.FencingToken;

        await using (var pause = await RedisPause.PauseAsync(server))
        {
            time.Advance(kit.Timings.HeartbeatInterval); // a renewal goes out and waits in the frozen Redis
            time.Advance(kit.Timings.LocalValidity);
            Assert.IsType<LeaseTimeoutException>(await lost.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            pause.Resume(); // the waiting renewals now run in Redis and succeed there
        }

        // Redis still names this owner (the late renewals pushed its TTL out), yet the owner does not take it back silently.
        Assert.True(await Eventually.TrueWithinAsync(async () => await kit.HolderAsync(lease) == lease.Owner, TimeSpan.FromSeconds(5)));
        await Task.Delay(200);
        Assert.False(lease.CheckLease());
        Assert.Null(lease.FencingToken);
        Assert.Equal(0, Volatile.Read(ref renewals));
        // Taking it again is an explicit new grant, with a new token.
        Assert.True(await lease.Acquire());
        Assert.True(lease.FencingToken > token);
    }

    [Fact]
    public async Task An_owner_that_finds_another_owner_in_its_key_at_renewal_loses_the_lease_at_once()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Steady);
        var time = new ManualClock();
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("usurped"), clock: time);
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(reason => lost.TrySetResult(reason)));

        // What Redis would hold had the key expired and gone to another node.
        await (await kit.AdminAsync()).StringSetAsync(lease.Keys.Lease, "127.0.0.1:9999#7", TimeSpan.FromMinutes(1));
        time.Advance(kit.Timings.HeartbeatInterval);

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<LeaseException>(reason); // certain, not a timeout
        Assert.False(lease.CheckLease());
        Assert.Null(lease.FencingToken);
        Assert.Equal("127.0.0.1:9999#7", await kit.HolderAsync(lease));
    }

    [Fact]
    public async Task After_a_pause_has_cost_it_the_lease_the_owner_can_take_it_again_with_a_larger_token()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Fast);
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("again"));
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lease.Acquire(_ => lost.TrySetResult()));
        var firstToken = lease.FencingToken!.Value;

        await using (await RedisPause.PauseAsync(server))
            Assert.True(await Eventually.CompletesWithinAsync(lost.Task, 3 * kit.Timings.HeartbeatTimeout));

        Assert.True(await Eventually.AcquireWithinAsync(lease, 5 * kit.Timings.HeartbeatTimeout));
        Assert.True(lease.FencingToken > firstToken);
        Assert.True(lease.CheckLease());
    }
}
