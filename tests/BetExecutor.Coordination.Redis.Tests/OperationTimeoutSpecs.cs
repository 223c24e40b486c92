using Akka.Coordination;
using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>When Redis does not answer, the caller is told the outcome is unknown; an error answer is something else.</summary>
public sealed class OperationTimeoutSpecs
{
    [Fact]
    public async Task Acquire_on_a_stalled_Redis_fails_with_LeaseTimeoutException_and_the_lease_is_free_again_after_Redis_wakes()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Fast);
        var name = LeaseKit.NewLeaseName("stalled");
        var time = new ManualClock(); // the operation timeout runs out when the test says so
        var lease = await kit.NewLeaseAsync(name, "127.0.0.1:4001", clock: time);
        var other = await kit.NewLeaseAsync(name, "127.0.0.1:4002");

        await using (await RedisPause.PauseAsync(server))
        {
            var acquire = lease.Acquire();
            time.Advance(kit.Timings.OperationTimeout);
            await Assert.ThrowsAsync<LeaseTimeoutException>(() => acquire);
            Assert.False(lease.CheckLease());
            Assert.Null(lease.FencingToken);
        }

        // The unanswered acquire may have run once Redis woke up; it is cleaned up or expires, never kept.
        Assert.True(await Eventually.AcquireWithinAsync(other, 5 * kit.Timings.HeartbeatTimeout));
        Assert.False(lease.CheckLease());
    }

    [Fact]
    public async Task Release_on_a_stalled_Redis_fails_with_LeaseTimeoutException_and_no_lost_callback_follows()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Fast);
        var time = new ManualClock(); // no renewal is due and no deadline passes unless the test moves the clock
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("stalled-release"), clock: time);
        var lostCalls = 0;
        Assert.True(await lease.Acquire(_ => Interlocked.Increment(ref lostCalls)));

        await using (await RedisPause.PauseAsync(server))
        {
            var release = lease.Release();
            time.Advance(kit.Timings.OperationTimeout);
            await Assert.ThrowsAsync<LeaseTimeoutException>(() => release);
            Assert.False(lease.CheckLease());

            time.Advance(kit.Timings.HeartbeatTimeout); // well past where the deadline was
        }

        Assert.Equal(0, Volatile.Read(ref lostCalls));
        Assert.Null(lease.FencingToken);
    }

    [Fact]
    public async Task Acquire_with_Redis_unreachable_fails_with_LeaseTimeoutException_whose_message_hides_the_password()
    {
        const string password = "hunter2-not-for-logs";
        var nobodyListens = RedisServerProcess.FreeLoopbackPort();
        await using var kit = new LeaseKit($"127.0.0.1:{nobodyListens},password={password},connectTimeout=300", LeaseTimings.Roomy);
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("unreachable"), connected: false);

        var failure = await Assert.ThrowsAsync<LeaseTimeoutException>(() => lease.Acquire());

        Assert.DoesNotContain(password, failure.ToString());
        Assert.DoesNotContain(password, lease.RedisSettings.ToString());
        Assert.False(lease.CheckLease());
    }

    [Fact]
    public async Task An_error_answer_from_Redis_is_a_LeaseException_and_not_a_timeout()
    {
        await using var server = await RedisServerProcess.StartNewAsync();
        await using var kit = new LeaseKit(server, LeaseTimings.Roomy);
        var lease = await kit.NewLeaseAsync(LeaseKit.NewLeaseName("wrong-type"));
        // Something else wrote a hash under the lease's key name.
        await (await kit.AdminAsync()).HashSetAsync(lease.Keys.Lease, "field", "value");

        var failure = await Assert.ThrowsAsync<LeaseException>(() => lease.Acquire());

        Assert.IsNotType<LeaseTimeoutException>(failure);
        Assert.Contains("WRONGTYPE", failure.Message);
    }
}
