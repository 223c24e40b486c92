using Akka.Coordination;
using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>
/// wait-for-replicas on a real primary and replica: a grant (and its fencing token) counts only once the replica holds
/// it, so a failover to that replica can never hand out a token that was already used; a stalled replica (SIGSTOP)
/// makes the acquire fail as "outcome unknown" and the unconfirmed grant is released.
/// </summary>
public sealed class ReplicaAcknowledgedGrantSpecs : IAsyncLifetime
{
    private RedisReplicatedPair _pair = null!;
    private LeaseKit _kit = null!;

    public async Task InitializeAsync()
    {
        _pair = await RedisReplicatedPair.StartNewAsync();
        // Generous: WAIT answers as soon as the replica confirms; the timeout only bounds the stalled case on a busy machine.
        _kit = new LeaseKit(_pair.Primary.ConnectionString, LeaseTimings.Roomy, "wait-for-replicas = 1\nwait-timeout = 1500ms\n");
    }

    public async Task DisposeAsync()
    {
        if (_pair.Replica.IsRunning) _pair.Replica.Resume();
        await _kit.DisposeAsync();
        await _pair.DisposeAsync();
    }

    private async Task<(string? Holder, long Token)> OnReplicaAsync(RedisLease lease)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_pair.Replica.ConnectionString);
        var db = connection.GetDatabase();
        return (await db.StringGetAsync(lease.Keys.Lease), (long)await db.StringGetAsync(lease.Keys.Token));
    }

    [Fact]
    public async Task A_granted_lease_and_its_token_are_already_on_the_replica()
    {
        var lease = await _kit.NewLeaseAsync(LeaseKit.NewLeaseName("replicated"));
        var tokens = new List<long>();
        lease.Granted += grant => tokens.Add(grant.FencingToken);

        Assert.True(await lease.Acquire());

        // No polling: the acquire returned only after the replica confirmed it had the grant.
        var (holder, token) = await OnReplicaAsync(lease);
        Assert.Equal(lease.Owner, holder);
        Assert.Equal(Assert.Single(tokens), token);
    }

    [Fact]
    public async Task With_the_replica_stalled_the_acquire_fails_as_unknown_and_the_unconfirmed_grant_is_released()
    {
        var lease = await _kit.NewLeaseAsync(LeaseKit.NewLeaseName("stalled"));

        _pair.Replica.Pause();
        var failure = await Assert.ThrowsAsync<LeaseTimeoutException>(() => lease.Acquire());
        // WAIT reports the shortfall; on a busy machine the whole grant can outlast the operation timeout first. Either
        // way the outcome is unknown (never a refusal, never a success), and the lease is not held.
        Assert.Contains("the outcome is unknown", failure.Message);
        if (failure.Message.Contains("replicas")) Assert.Contains("0 of 1 replicas", failure.Message);
        Assert.False(lease.CheckLease());
        _pair.Replica.Resume();

        Assert.True(await Eventually.TrueWithinAsync(async () => await _kit.HolderAsync(lease) is null, TimeSpan.FromSeconds(10)));
        await _pair.WaitUntilReplicaInSyncAsync();
        Assert.True(await lease.Acquire());
    }
}
